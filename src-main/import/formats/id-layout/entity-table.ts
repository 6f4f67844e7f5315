import { badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';

interface Entry {
  side: GraphSide;
  iri: string;
}

/**
 * The ids of both graphs. In DBP15K-style folders both graphs share ONE id space whose ranges interleave and have
 * gaps, so ids map to (side, IRI) through a table rather than by range.
 */
export class EntityTable {
  private readonly byId = new Map<number, Entry>();
  private readonly byIri: Record<GraphSide, Map<string, number>> = { 1: new Map(), 2: new Map() };

  /** Registers an id; a second use of an id or of an IRI within a graph is an error. */
  declare(id: number, side: GraphSide, iri: string, file: string, line: number): void {
    const seen = this.byId.get(id);
    if (seen) throw badInput(file, line, `entity id ${id} is declared twice (already ${seen.iri} in graph ${seen.side})`);
    const other = this.byIri[side].get(iri);
    if (other !== undefined) throw badInput(file, line, `IRI ${iri} is declared twice in graph ${side} (ids ${other} and ${id})`);
    this.byId.set(id, { side, iri });
    this.byIri[side].set(iri, id);
  }

  /** The number of declared ids. */
  get size(): number {
    return this.byId.size;
  }

  /** The entry of an id, or undefined. */
  get(id: number): Entry | undefined {
    return this.byId.get(id);
  }

  /** The IRI of an id that must belong to `side`; names the file and line otherwise. */
  iriOn(id: number, side: GraphSide, file: string, line: number): string {
    const entry = this.byId.get(id);
    if (!entry) throw badInput(file, line, `unknown entity id ${id}`);
    if (entry.side !== side) throw badInput(file, line, `entity id ${id} belongs to graph ${entry.side}, not graph ${side}`);
    return entry.iri;
  }

  /** True when `iri` is declared in graph `side`. */
  hasIri(side: GraphSide, iri: string): boolean {
    return this.byIri[side].has(iri);
  }
}
