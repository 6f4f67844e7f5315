import { badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportContext } from '../../import-format';
import { ByteKeyTable } from '../lib/byte-key-table';
import { type RecordBatch } from '../lib/record-batch';
import { LABEL_PREDICATES } from '../lib/seen-entities';
import { EntityRefs } from './entity-refs';
import { type NTriplesSpans } from './ntriples-bytes';
import { BLANK, IMAGE_CLASSES, IMAGE_PREDICATES, LITERAL, OWL_SAME_AS, RDF_TYPE, type RdfTerm, type RdfTriple, XSD_STRING } from './terms';

interface PendingSameAs {
  side: GraphSide;
  s: string;
  o: string;
}

/** What a predicate means to the mapper. */
const enum Role {
  Other,
  Label,
  Image,
  Type,
  SameAs,
}

function roleOf(p: string): Role {
  if (LABEL_PREDICATES.has(p)) return Role.Label;
  if (IMAGE_PREDICATES.has(p)) return Role.Image;
  if (p === RDF_TYPE) return Role.Type;
  return p === OWL_SAME_AS ? Role.SameAs : Role.Other;
}

/** Labels offered per entity ref, and the refs in the order they were first offered one. */
class Labels {
  readonly text: string[] = [];
  readonly rank: number[] = [];
  readonly emitted: (string | null)[] = [];
  readonly order: number[] = [];
}

/** Strings named by bytes (predicates, datatypes, language tags: few distinct), each decoded once. */
class ByteStrings<T> {
  private readonly table = new ByteKeyTable();
  private readonly values: T[] = [];

  constructor(private readonly make: (text: string) => T) {}

  get(bytes: Buffer, start: number, end: number): T {
    const index = this.table.intern(bytes, start, end);
    if (this.table.added) this.values[index] = this.make(bytes.toString('utf8', start, end));
    return this.values[index];
  }
}

/**
 * Turns triples into import records: entity records labelled from the IRI (or from the label triple that first
 * names the entity; a better label found later follows at the end), images and image kinds, attributes, relation
 * triples, and owl:sameAs between the two graphs as gold. Tracking which entities were met costs one lookup per
 * term, but gives every entity a readable label, as the other formats do. Whether a sameAs crosses the graphs is
 * only known once both graphs are read, so in two-graph imports those triples wait for `finish`.
 * Triples come either as terms (`add`, any syntax) or as byte spans of an N-Triples line (`addSpans`, the fast
 * path: no string per IRI); both give the same records.
 */
export class RdfMapper {
  private readonly entities: EntityRefs;
  // The best label so far per entity (by ref), and the label its entity record already carried (to skip needless updates).
  private readonly labels: Record<GraphSide, Labels> = { 1: new Labels(), 2: new Labels() };
  private readonly images = new Set<string>();
  private readonly gold = new Set<string>();
  private readonly pending: PendingSameAs[] = [];
  private readonly roles = new Map<string, Role>();
  private readonly predicates = new ByteStrings((p) => ({ p, role: roleOf(p) }));
  private readonly datatypes = new ByteStrings((dt): string | null => (dt === XSD_STRING ? null : dt));
  private readonly languages = new ByteStrings((lang) => lang.toLowerCase());
  // The triple being mapped: its subject and IRI object as a string term, or as spans of `bytes`.
  private subject = '';
  private object = '';
  private objectIsBlank = false;
  private bytes: Buffer | null = null;
  private spans: NTriplesSpans | null = null;

  constructor(
    private readonly out: RecordBatch,
    private readonly ctx: ImportContext,
    /** 'single': one graph, sameAs checked against the project; 'pair': both graphs in this import. */
    private readonly mode: 'single' | 'pair',
  ) {
    this.entities = new EntityRefs(out);
  }

  /** Maps one triple of graph `side`; `blankScope` makes blank node labels unique to their file. */
  add(side: GraphSide, t: RdfTriple, blankScope: () => string): void {
    this.bytes = null;
    this.subject = node(t.s, blankScope);
    const p = t.p.v;
    let role = this.roles.get(p);
    if (role === undefined) this.roles.set(p, (role = roleOf(p)));
    const o = t.o;
    if (o.t === LITERAL) {
      this.literal(side, p, role, o.v, o.dt ?? null, o.lang ?? null);
      return;
    }
    this.object = node(o, blankScope);
    this.objectIsBlank = o.t === BLANK;
    this.link(side, p, role);
  }

  /** Maps the N-Triples line whose terms `spans` found in `bytes` (see parseNTriplesBytes). */
  addSpans(side: GraphSide, bytes: Buffer, spans: NTriplesSpans): void {
    this.bytes = bytes;
    this.spans = spans;
    const { p, role } = this.predicates.get(bytes, spans.p0, spans.p1);
    if (!spans.objectIsIri) {
      const datatype = spans.dt0 < 0 ? null : this.datatypes.get(bytes, spans.dt0, spans.dt1);
      const lang = spans.lang0 < 0 ? null : this.languages.get(bytes, spans.lang0, spans.lang1);
      this.literal(side, p, role, bytes.toString('utf8', spans.o0, spans.o1), datatype, lang);
      return;
    }
    this.objectIsBlank = false;
    this.link(side, p, role);
  }

  private literal(side: GraphSide, p: string, role: Role, value: string, datatype: string | null, lang: string | null): void {
    if (role === Role.Label) {
      this.offerLabel(side, value, lang);
      return;
    }
    this.seeSubject(side);
    if (role === Role.Image) this.image(side, this.entities.iri, value);
    else this.out.pushWithRefs({ type: 'attrTriple', side, entity: this.entities.iri, attr: p, value, datatype, lang }, this.entities.ref);
  }

  private link(side: GraphSide, p: string, role: Role): void {
    if (role === Role.Type || role === Role.Image || (role === Role.SameAs && !this.objectIsBlank)) {
      const object = this.objectText();
      if (role === Role.Image || (role === Role.Type && IMAGE_CLASSES.has(object))) {
        this.seeSubject(side);
        if (role === Role.Image) this.image(side, this.entities.iri, object);
        else this.out.push({ type: 'kind', side, iri: this.entities.iri, kind: 'image' });
        return;
      }
      if (role === Role.SameAs) {
        this.seeSubject(side);
        this.sameAs({ side, s: this.entities.iri, o: object });
        return;
      }
    }
    this.seeSubject(side);
    const head = this.entities.iri;
    const headRef = this.entities.ref;
    if (this.bytes) this.entities.seeBytes(side, this.bytes, this.spans!.o0, this.spans!.o1);
    else this.entities.see(side, this.object);
    this.out.pushWithRefs({ type: 'relTriple', side, head, rel: p, tail: this.entities.iri }, headRef, this.entities.ref);
  }

  private seeSubject(side: GraphSide, label?: string): boolean {
    if (this.bytes) return this.entities.seeBytes(side, this.bytes, this.spans!.s0, this.spans!.s1, label);
    return this.entities.see(side, this.subject, label);
  }

  private objectText(): string {
    return this.bytes ? this.bytes.toString('utf8', this.spans!.o0, this.spans!.o1) : this.object;
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
      const labels = this.labels[side];
      for (const ref of labels.order) {
        const label = labels.text[ref];
        if (label === labels.emitted[ref]) continue;
        this.out.push({ type: 'label', side, iri: this.entities.iriOf(side, ref), label });
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
  private offerLabel(side: GraphSide, raw: string, lang: string | null): void {
    const text = raw.trim();
    if (text.length === 0) {
      this.seeSubject(side);
      return;
    }
    const tag = lang ?? '';
    const rank = tag === '' || tag === 'en' || tag.startsWith('en-') ? 0 : 1;
    const fresh = this.seeSubject(side, text);
    const ref = this.entities.ref;
    const labels = this.labels[side];
    if (labels.text[ref] === undefined) {
      labels.text[ref] = text;
      labels.rank[ref] = rank;
      labels.emitted[ref] = fresh ? text : null;
      labels.order.push(ref);
    } else if (rank < labels.rank[ref]) {
      labels.text[ref] = text;
      labels.rank[ref] = rank;
    }
  }
}

/** The stored name of an IRI or blank node term; blank nodes get `_:<file-hash>:<label>`. */
function node(term: RdfTerm, blankScope: () => string): string {
  return term.t === BLANK ? `_:${blankScope()}:${term.v}` : term.v;
}
