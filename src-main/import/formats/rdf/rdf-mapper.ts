import { AppError, badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportContext } from '../../import-format';
import { type RecordBatch } from '../lib/record-batch';
import { LABEL_PREDICATES } from '../lib/seen-entities';
import { BLANK, IMAGE_CLASSES, IMAGE_PREDICATES, LITERAL, OWL_SAME_AS, RDF_TYPE, type RdfTerm, type RdfTriple } from './terms';

interface PendingSameAs {
  side: GraphSide;
  s: string;
  o: string;
}

/**
 * Turns triples into import records: labels, images and image kinds, attributes, relation triples, and owl:sameAs
 * between the two graphs as gold. Entities are not declared one by one: the store creates every IRI a record
 * names, and a second per-term lookup here cost a quarter of the import time. Labels come only from the data (an
 * entity without one keeps a NULL label; its IRI's local name is what the UI and search fall back to).
 * Whether a sameAs crosses the graphs is asked of the project (`lookupEntity`), which sees every record already
 * handed out, so two-graph imports resolve them in `finish`, after both graphs.
 */
export class RdfMapper {
  // The best label so far per entity and the one already sent, so a label is re-sent only when a better one arrives.
  private readonly labels: Record<GraphSide, Map<string, { label: string; rank: number; sent: string }>> = { 1: new Map(), 2: new Map() };
  private readonly images = new Set<string>();
  private readonly gold = new Set<string>();
  private readonly pending: PendingSameAs[] = [];

  constructor(
    private readonly out: RecordBatch,
    private readonly ctx: ImportContext,
    /** 'single': one graph, sameAs checked against the project; 'pair': both graphs in this import. */
    private readonly mode: 'single' | 'pair',
  ) {
    if (mode === 'pair' && !ctx.lookupEntity) throw new AppError('INTERNAL', 'a two-graph RDF import needs lookupEntity to resolve owl:sameAs');
  }

  /** Maps one triple of graph `side`; `blankScope` makes blank node labels unique to their file. */
  add(side: GraphSide, t: RdfTriple, blankScope: () => string): void {
    const s = node(t.s, blankScope);
    const p = t.p.v;
    const o = t.o;
    if (o.t === LITERAL) {
      if (LABEL_PREDICATES.has(p)) this.offerLabel(side, s, o);
      else if (IMAGE_PREDICATES.has(p)) this.image(side, s, o.v);
      else this.out.push({ type: 'attrTriple', side, entity: s, attr: p, value: o.v, datatype: o.dt ?? null, lang: o.lang ?? null });
      return;
    }
    const object = node(o, blankScope);
    if (p === RDF_TYPE && IMAGE_CLASSES.has(object)) this.out.push({ type: 'kind', side, iri: s, kind: 'image' });
    else if (IMAGE_PREDICATES.has(p)) this.image(side, s, object);
    else if (p === OWL_SAME_AS && o.t !== BLANK) this.sameAs({ side, s, o: object });
    else this.out.push({ type: 'relTriple', side, head: s, rel: p, tail: object });
  }

  /** A triple of the links file: owl:sameAs between an entity of each graph, in either direction. */
  addLink(t: RdfTriple, blankScope: () => string, file: string): boolean {
    if (t.p.v !== OWL_SAME_AS) return false;
    const a = node(t.s, blankScope);
    const b = node(t.o, blankScope);
    if (this.exists(1, a) && this.exists(2, b)) this.addGold(a, b);
    else if (this.exists(2, a) && this.exists(1, b)) this.addGold(b, a);
    else throw badInput(file, t.line, `owl:sameAs between ${a} and ${b}: not an entity of graph 1 and one of graph 2`);
    return true;
  }

  /**
   * Resolves the waiting sameAs triples and sends improved labels; call once after all files, when every record
   * so far has been handed out. It pauses (yields) whenever a batch is full so the caller can hand it out.
   */
  *finish(): Generator<void> {
    for (const same of this.pending) {
      const other: GraphSide = same.side === 1 ? 2 : 1;
      if (this.exists(other, same.o)) this.addGold(same.side === 1 ? same.s : same.o, same.side === 1 ? same.o : same.s);
      else this.sameAsAsTriple(same);
      if (this.out.full) yield;
    }
    this.pending.length = 0;
    for (const side of [1, 2] as const) {
      for (const [iri, { label, sent }] of this.labels[side]) {
        if (label === sent) continue;
        this.out.push({ type: 'label', side, iri, label });
        if (this.out.full) yield;
      }
    }
  }

  private exists(side: GraphSide, iri: string): boolean {
    return Boolean(this.ctx.lookupEntity?.(side, iri));
  }

  private sameAs(same: PendingSameAs): void {
    // The subject may appear nowhere else, yet a gold link needs it to exist.
    this.out.push({ type: 'entity', side: same.side, iri: same.s });
    if (this.mode === 'pair') {
      this.pending.push(same);
      return;
    }
    const other: GraphSide = same.side === 1 ? 2 : 1;
    if (this.exists(other, same.o)) this.addGold(same.side === 1 ? same.s : same.o, same.side === 1 ? same.o : same.s);
    else this.sameAsAsTriple(same);
  }

  /** A sameAs to something outside the other graph (e.g. Wikidata) is ordinary data of this graph. */
  private sameAsAsTriple(same: PendingSameAs): void {
    this.out.push({ type: 'relTriple', side: same.side, head: same.s, rel: OWL_SAME_AS, tail: same.o });
  }

  private addGold(left: string, right: string): void {
    const key = `${left}\t${right}`;
    if (this.gold.has(key)) return;
    this.gold.add(key);
    this.out.push({ type: 'gold', left, right, split: 'unsplit' });
  }

  private image(side: GraphSide, entity: string, source: string): void {
    const key = `${side}\t${entity}\t${source}`;
    if (this.images.has(key)) return;
    this.images.add(key);
    this.out.push({ type: 'image', side, entity, source });
  }

  // Rank 0 for English or untagged, 1 for other languages; the first of the best rank wins. The first label is
  // sent at once (so the store creates the entity with it); a better one found later is sent by `finish`.
  private offerLabel(side: GraphSide, iri: string, literal: RdfTerm): void {
    const text = literal.v.trim();
    if (text.length === 0) {
      this.out.push({ type: 'entity', side, iri });
      return;
    }
    const lang = literal.lang ?? '';
    const rank = lang === '' || lang === 'en' || lang.startsWith('en-') ? 0 : 1;
    const current = this.labels[side].get(iri);
    if (!current) {
      this.labels[side].set(iri, { label: text, rank, sent: text });
      this.out.push({ type: 'label', side, iri, label: text });
    } else if (rank < current.rank) {
      current.label = text;
      current.rank = rank;
    }
  }
}

/** The stored name of an IRI or blank node term; blank nodes get `_:<file-hash>:<label>`. */
function node(term: RdfTerm, blankScope: () => string): string {
  return term.t === BLANK ? `_:${blankScope()}:${term.v}` : term.v;
}
