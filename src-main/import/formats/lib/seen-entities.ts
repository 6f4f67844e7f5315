import type { GraphSide } from '../../../shared/model';
import { labelFromIri } from './iri';
import { type RecordBatch } from './record-batch';

/** Label predicates whose literal names an entity (http and https schema.org both occur). */
export const LABEL_PREDICATES: ReadonlySet<string> = new Set([
  'http://www.w3.org/2000/01/rdf-schema#label',
  'http://www.w3.org/2004/02/skos/core#prefLabel',
  'http://schema.org/name',
  'https://schema.org/name',
  'http://xmlns.com/foaf/0.1/name',
]);

/**
 * For formats whose files never declare entities (they only appear in triples and links): emits an entity record,
 * labelled from its IRI, the first time each (side, IRI) is met, so the graph has readable names from the start.
 */
export class SeenEntities {
  private readonly seen: Record<GraphSide, Set<string>> = { 1: new Set(), 2: new Set() };
  // Files are usually grouped by subject: remembering the last IRI per side skips most set lookups.
  private readonly last: Record<GraphSide, string> = { 1: '', 2: '' };

  constructor(private readonly out: RecordBatch) {}

  /** Emits the entity record on first sight, labelled `label` when given, else from the IRI. Returns true then. */
  see(side: GraphSide, iri: string, label?: string): boolean {
    if (this.last[side] === iri) return false;
    this.last[side] = iri;
    const set = this.seen[side];
    if (set.has(iri)) return false;
    // Parsed IRIs are slices of a whole chunk of the file: keeping one (here, and as a key in the store's maps,
    // since this record is the first to name the entity) would keep that megabyte of text alive. Copy it flat.
    const own = flatCopy(iri);
    set.add(own);
    this.out.push({ type: 'entity', side, iri: own, label: label ?? labelFromIri(own) });
    return true;
  }

  /** True when the entity was met in graph `side`. */
  has(side: GraphSide, iri: string): boolean {
    return this.seen[side].has(iri);
  }
}

/** A copy of `text` that shares no memory with the string it was sliced from. */
export function flatCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
