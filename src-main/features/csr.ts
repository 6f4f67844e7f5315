import type { CsrMatrix } from '../project/repositories/feature-matrices';
import type { DenseFeature } from '../model/training-data';

/** Builds a CSR matrix from per-row column->value maps (columns are sorted so the result is canonical). */
export function csrFromRows(rows: readonly (Map<number, number> | null)[], cols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let r = 0; r < rows.length; r++) {
    nnz += rows[r]?.size ?? 0;
    indptr[r + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const keys = [...row.keys()].sort((a, b) => a - b);
    let k = indptr[r];
    for (const c of keys) {
      indices[k] = c;
      values[k++] = row.get(c) as number;
    }
  }
  return { rows: rows.length, cols, indptr, indices, values };
}

/** The dense feature the trainer takes: Float32 [rows x cols]; a row is present when it has any entry. */
export function denseFeatureOf(m: CsrMatrix): DenseFeature {
  const data = new Float32Array(m.rows * m.cols);
  const present = new Uint8Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    const start = m.indptr[r];
    const end = m.indptr[r + 1];
    if (end > start) present[r] = 1;
    for (let k = start; k < end; k++) data[r * m.cols + m.indices[k]] = m.values[k];
  }
  return { cols: m.cols, data, present };
}

/** One row of a CSR matrix as a column->value map (tests and explanations). */
export function csrRow(m: CsrMatrix, r: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) out.set(m.indices[k], m.values[k]);
  return out;
}
