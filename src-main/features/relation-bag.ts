import type { CsrMatrix } from '../project/repositories/feature-matrices';
import { csrFromRows } from './csr';

/** The MODEL.md default: the 1000 most frequent relations over both graphs. */
export const RELATION_BAG_TOP_K = 1000;

/**
 * The ids of the `k` most frequent values in `ids` (ties broken by the smaller id, so the choice is
 * deterministic), with their column numbers.
 */
export function topKColumns(ids: Int32Array, universe: number, k: number): Map<number, number> {
  const counts = new Float64Array(universe);
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  const used: number[] = [];
  for (let id = 0; id < universe; id++) if (counts[id] > 0) used.push(id);
  used.sort((a, b) => counts[b] - counts[a] || a - b);
  const columns = new Map<number, number>();
  used.slice(0, k).forEach((id, column) => columns.set(id, column));
  return columns;
}

/**
 * Relation bag (MCLEA-style): for each triple (h, r, t) whose relation is among the top-K most frequent, both the
 * head's and the tail's count for column(r) grow by one, so an entity is described by the relations it takes part
 * in whatever the direction. Counts, not binary: repeated triples in the source count again.
 * Shape: [numEntities x min(K, distinct relations)], CSR.
 */
export function relationBag(numEntities: number, heads: Int32Array, rels: Int32Array, tails: Int32Array, numRelations: number, topK = RELATION_BAG_TOP_K): CsrMatrix {
  const columns = topKColumns(rels, numRelations, topK);
  const rows: (Map<number, number> | null)[] = new Array(numEntities).fill(null);
  const bump = (entity: number, column: number): void => {
    const row = rows[entity] ?? (rows[entity] = new Map());
    row.set(column, (row.get(column) ?? 0) + 1);
  };
  for (let i = 0; i < rels.length; i++) {
    const column = columns.get(rels[i]);
    if (column === undefined) continue;
    bump(heads[i], column);
    bump(tails[i], column);
  }
  return csrFromRows(rows, columns.size);
}
