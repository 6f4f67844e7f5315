import { badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportContext } from '../../import-format';
import { type RecordBatch } from '../lib/record-batch';
import { LABEL_PREDICATES, SeenEntities } from '../lib/seen-entities';
import { BLANK, IMAGE_CLASSES, IMAGE_PREDICATES, LITERAL, OWL_SAME_AS, RDF_TYPE, type RdfTerm, type RdfTriple } from './terms';

interface PendingSameAs {
  side: GraphSide;
  s: string;
  o: string;
}

/**
 * Turns triples into import records: entity records labelled from the IRI (or from the label triple that first
 * names the entity; a better label found later follows at the end), images and image kinds, attributes, relation
 * triples, and owl:sameAs between the two graphs as gold. Tracking which entities were met costs one set lookup
 * per term, but gives every entity a readable label, as the other formats do. Whether a sameAs crosses the graphs
 * is only known once both graphs are read, so in two-graph imports those triples wait for `finish`.
 */
export class RdfMapper {
  private readonly entities: SeenEntities;
  // The best label so far per entity, and the label its entity record already carried (to skip needless updates).
  private readonly labels: Record<GraphSide, Map<string, { label: string; rank: number; emitted: string | null }>> = { 1: new Map(), 2: new Map() };
  private readonly images = new Set<string>();
  private readonly gold = new Set<string>();
  private readonly pending: PendingSameAs[] = [];

  constructor(
    private readonly out: RecordBatch,
    private readonly ctx: ImportContext,
    /** 'single': one graph, sameAs checked against the project; 'pair': both graphs in this import. */
    private readonly mode: 'single' | 'pair',
  ) {
    this.entities = new SeenEntities(out, true);
  }

  /** Maps one triple of graph `side`; `blankScope` makes blank node labels unique to their file. */
  add(side: GraphSide, t: RdfTriple, blankScope: () => string): void {
    const s = node(t.s, blankScope);
    const p = t.p.v;
    const o = t.o;
    if (o.t === LITERAL) {
      if (LABEL_PREDICATES.has(p)) {
        this.offerLabel(side, s, o);
        return;
      }
      this.entities.see(side, s);
      if (IMAGE_PREDICATES.has(p)) this.image(side, s, o.v);
      else this.out.pushWithRefs({ type: 'attrTriple', side, entity: s, attr: p, value: o.v, datatype: o.dt ?? null, lang: o.lang ?? null }, this.entities.ref);
      return;
    }
    const object = node(o, blankScope);
    if (p === RDF_TYPE && IMAGE_CLASSES.has(object)) {
      this.entities.see(side, s);
      this.out.push({ type: 'kind', side, iri: s, kind: 'image' });
    } else if (IMAGE_PREDICATES.has(p)) {
      this.entities.see(side, s);
      this.image(side, s, object);
    } else if (p === OWL_SAME_AS && o.t !== BLANK) {
      this.entities.see(side, s);
      this.sameAs({ side, s, o: object });
    } else {
      this.entities.see(side, s);
      const headRef = this.entities.ref;
      this.entities.see(side, object);
      this.out.pushWithRefs({ type: 'relTriple', side, head: s, rel: p, tail: object }, headRef, this.entities.ref);
    }
  }

  /** A triple of the links file: owl:sameAs between an entity of each graph, in either direction. */
  addLink(t: RdfTriple, blankScope: () => string, file: string): boolean {
    if (t.p.v !== OWL_SAME_AS) return false;
    const a = node(t.s, blankScope);
    const b = node(t.o, blankScope);
    if (this.entities.has(1, a) && this.entities.has(2, b)) this.addGold(a, b);
    else if (this.entities.has(2, a) && this.entities.has(1, b)) this.addGold(b, a);
    else throw badInput(file, t.line, `owl:sameAs between ${a} and ${b}: not an entity of graph 1 and one of graph 2`);
    return true;
  }

  /**
   * Resolves the waiting sameAs triples and emits the labels; call once after all files. It pauses (yields)
   * whenever a batch is full so the caller can hand it out.
   */
  *finish(): Generator<void> {
    for (const same of this.pending) {
      const other: GraphSide = same.side === 1 ? 2 : 1;
      if (this.entities.has(other, same.o)) this.addGold(same.side === 1 ? same.s : same.o, same.side === 1 ? same.o : same.s);
      else this.sameAsAsTriple(same);
      if (this.out.full) yield;
    }
    this.pending.length = 0;
    for (const side of [1, 2] as const) {
      for (const [iri, { label, emitted }] of this.labels[side]) {
        if (label === emitted) continue;
        this.out.push({ type: 'label', side, iri, label });
        if (this.out.full) yield;
      }
    }
  }

  private sameAs(same: PendingSameAs): void {
    if (this.mode === 'pair') {
      this.pending.push(same);
      return;
    }
    const other: GraphSide = same.side === 1 ? 2 : 1;
    if (this.ctx.lookupEntity?.(other, same.o)) this.addGold(same.side === 1 ? same.s : same.o, same.side === 1 ? same.o : same.s);
    else this.sameAsAsTriple(same);
  }

  /** A sameAs to something outside the other graph (e.g. Wikidata) is ordinary data of this graph. */
  private sameAsAsTriple(same: PendingSameAs): void {
    this.entities.see(same.side, same.o);
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

  // Rank 0 for English or untagged, 1 for other languages; the first of the best rank wins. An entity first met
  // through its label gets it in its entity record; a label record follows only if a better one turns up later.
  private offerLabel(side: GraphSide, iri: string, literal: RdfTerm): void {
    const text = literal.v.trim();
    if (text.length === 0) {
      this.entities.see(side, iri);
      return;
    }
    const lang = literal.lang ?? '';
    const rank = lang === '' || lang === 'en' || lang.startsWith('en-') ? 0 : 1;
    const fresh = this.entities.see(side, iri, text);
    const current = this.labels[side].get(iri);
    if (!current) this.labels[side].set(iri, { label: text, rank, emitted: fresh ? text : null });
    else if (rank < current.rank) {
      current.label = text;
      current.rank = rank;
    }
  }
}

/** The stored name of an IRI or blank node term; blank nodes get `_:<file-hash>:<label>`. */
function node(term: RdfTerm, blankScope: () => string): string {
  return term.t === BLANK ? `_:${blankScope()}:${term.v}` : term.v;
}
