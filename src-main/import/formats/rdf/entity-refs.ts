import type { GraphSide } from '../../../shared/model';
import { ByteKeyTable } from '../lib/byte-key-table';
import { labelFromIri } from '../lib/iri';
import { type RecordBatch } from '../lib/record-batch';

// A lone surrogate cannot round-trip through UTF-8; such IRIs (only n3 can produce them) are keyed as strings.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The entities an RDF import has met, per graph, keyed by the IRI's UTF-8 bytes: the N-Triples reader looks terms
 * up straight from the file's bytes, the other syntaxes by string. The first sight of an entity emits its entity
 * record, labelled `label` when given, else from the IRI, with its ref (order of first sight in its graph, see
 * ENTITY_REFS), so that the writer finds its id by array index.
 */
export class EntityRefs {
  private readonly tables: Record<GraphSide, ByteKeyTable> = { 1: new ByteKeyTable(), 2: new ByteKeyTable() };
  // The stored IRI of each ref: one flat string per entity, which the records share.
  private readonly iris: Record<GraphSide, string[]> = { 1: [], 2: [] };
  private readonly oddIris: Record<GraphSide, Map<string, number>> = { 1: new Map(), 2: new Map() };
  private scratch = Buffer.alloc(4096);
  /** The ref of the entity passed to the latest `see` or `seeBytes`. */
  ref = -1;
  /** The stored IRI of that entity. */
  iri = '';

  constructor(private readonly out: RecordBatch) {}

  /** Looks up (and on first sight emits) the entity whose IRI is `bytes[start, end)`; true when it is new. */
  seeBytes(side: GraphSide, bytes: Uint8Array, start: number, end: number, label?: string): boolean {
    const table = this.tables[side];
    const ref = table.intern(bytes, start, end);
    this.ref = ref;
    if (!table.added) {
      this.iri = this.iris[side][ref];
      return false;
    }
    const iri = Buffer.prototype.toString.call(bytes, 'utf8', start, end) as string;
    this.emit(side, ref, iri, label);
    return true;
  }

  /** As seeBytes, for an IRI given as a string. */
  see(side: GraphSide, iri: string, label?: string): boolean {
    if (SURROGATE.test(iri) && !wellFormed(iri)) {
      const odd = this.oddIris[side];
      const known = odd.get(iri);
      if (known !== undefined) {
        this.ref = known;
        this.iri = this.iris[side][known];
        return false;
      }
      // Refs stay dense: the odd IRI takes the next number, and a byte key no text can produce holds its place.
      const placeholder = Buffer.concat([Buffer.of(0xff), Buffer.from(String(this.tables[side].size))]);
      return this.placeOdd(side, this.tables[side].intern(placeholder, 0, placeholder.length), iri, label);
    }
    const length = this.encode(iri);
    return this.seeBytes(side, this.scratch, 0, length, label);
  }

  /** The stored IRI of an entity by its ref. */
  iriOf(side: GraphSide, ref: number): string {
    return this.iris[side][ref];
  }

  /** True when the entity was met in graph `side`. */
  has(side: GraphSide, iri: string): boolean {
    if (SURROGATE.test(iri) && !wellFormed(iri)) return this.oddIris[side].has(iri);
    const length = this.encode(iri);
    return this.tables[side].find(this.scratch, 0, length) >= 0;
  }

  private placeOdd(side: GraphSide, ref: number, iri: string, label: string | undefined): boolean {
    this.oddIris[side].set(iri, ref);
    this.ref = ref;
    this.emit(side, ref, iri, label);
    return true;
  }

  private emit(side: GraphSide, ref: number, iri: string, label: string | undefined): void {
    this.iris[side][ref] = iri;
    this.iri = iri;
    this.out.pushWithRefs({ type: 'entity', side, iri, label: label ?? labelFromIri(iri) }, ref);
  }

  private encode(text: string): number {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (text.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(text.length * 3 + 1024);
    return this.scratch.write(text, 0, 'utf8');
  }
}

function wellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}
