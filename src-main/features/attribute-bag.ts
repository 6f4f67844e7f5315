import type { CsrMatrix } from '../project/repositories/feature-matrices';
import { csrFromRows } from './csr';
import { topKColumns } from './relation-bag';

/** The MODEL.md default: the 1000 most frequent attribute names over both graphs together. */
export const ATTRIBUTE_BAG_TOP_K = 1000;

/**
 * Attribute bag: 1 where the entity has at least one triple with that attribute name, among the top-K names by
 * number of triples over both graphs; values are ignored (binary). Shape: [numEntities x min(K, distinct)], CSR.
 * `entities[i]`/`attrs[i]` is one attribute triple (entity row, dense attribute id).
 */
export function attributeBag(numEntities: number, entities: Int32Array, attrs: Int32Array, numAttributes: number, topK = ATTRIBUTE_BAG_TOP_K): CsrMatrix {
  const columns = topKColumns(attrs, numAttributes, topK);
  const rows: (Map<number, number> | null)[] = new Array(numEntities).fill(null);
  for (let i = 0; i < attrs.length; i++) {
    const column = columns.get(attrs[i]);
    if (column === undefined) continue;
    const row = rows[entities[i]] ?? (rows[entities[i]] = new Map());
    row.set(column, 1);
  }
  return csrFromRows(rows, columns.size);
}
