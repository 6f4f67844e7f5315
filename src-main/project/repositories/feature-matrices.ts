import type { Db } from '../db';
import { blobOf, float32Of, int32Of } from './embeddings';

/**
 * A derived feature matrix as stored. `csr-f32`: compressed sparse rows (indptr Int32[rows+1], indices
 * Int32[nnz], values Float32[nnz], concatenated in that order); `dense-f32`: row-major Float32[rows x cols].
 */
export interface StoredMatrix {
  name: string;
  rows: number;
  cols: number;
  format: 'csr-f32' | 'dense-f32';
  data: Buffer;
  inputsHash: string;
  createdAt: string;
}

/** A sparse matrix in CSR form; row r's entries are indices/values[indptr[r] .. indptr[r+1]). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Packs a CSR matrix into one BLOB. */
export function packCsr(m: CsrMatrix): Buffer {
  return Buffer.concat([blobOf(m.indptr), blobOf(m.indices), blobOf(m.values)]);
}

/** Unpacks a BLOB written by packCsr. */
export function unpackCsr(rows: number, cols: number, data: Uint8Array): CsrMatrix {
  const indptr = int32Of(data.subarray(0, (rows + 1) * 4));
  const nnz = indptr[rows];
  const indices = int32Of(data.subarray((rows + 1) * 4, (rows + 1 + nnz) * 4));
  const values = float32Of(data.subarray((rows + 1 + nnz) * 4, (rows + 1 + 2 * nnz) * 4));
  return { rows, cols, indptr, indices, values };
}

/** The dense form of a stored matrix as Float32 [rows x cols]. */
export function denseOf(m: StoredMatrix): Float32Array {
  if (m.format === 'dense-f32') return float32Of(m.data);
  const csr = unpackCsr(m.rows, m.cols, m.data);
  const out = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) out[r * m.cols + csr.indices[k]] = csr.values[k];
  }
  return out;
}

/** Derived feature matrices (relation/attribute bags, name n-grams), keyed by name, tagged with their inputs' hash. */
export class FeatureMatricesRepository {
  private readonly selectOne;
  private readonly selectHash;
  private readonly upsert;

  constructor(db: Db) {
    this.selectOne = db.prepare('SELECT name, rows, cols, format, data, inputs_hash, created_at FROM feature_matrix WHERE name = ?');
    this.selectHash = db.prepare('SELECT inputs_hash FROM feature_matrix WHERE name = ?');
    this.upsert = db.prepare(
      `INSERT INTO feature_matrix (name, rows, cols, format, data, inputs_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET rows = excluded.rows, cols = excluded.cols, format = excluded.format,
         data = excluded.data, inputs_hash = excluded.inputs_hash, created_at = excluded.created_at`,
    );
  }

  get(name: string): StoredMatrix | null {
    const row = this.selectOne.get(name) as
      | { name: string; rows: number; cols: number; format: StoredMatrix['format']; data: Buffer; inputs_hash: string; created_at: string }
      | undefined;
    if (!row) return null;
    return { name: row.name, rows: row.rows, cols: row.cols, format: row.format, data: row.data, inputsHash: row.inputs_hash, createdAt: row.created_at };
  }

  /** The inputs hash a matrix was computed from, or null when it was never computed. */
  inputsHash(name: string): string | null {
    const row = this.selectHash.get(name) as { inputs_hash: string } | undefined;
    return row?.inputs_hash ?? null;
  }

  /** Stores a CSR matrix under `name`, replacing the previous one. */
  putCsr(name: string, matrix: CsrMatrix, inputsHash: string): void {
    this.upsert.run(name, matrix.rows, matrix.cols, 'csr-f32', packCsr(matrix), inputsHash, new Date().toISOString());
  }

  /** Stores a dense row-major matrix under `name`. */
  putDense(name: string, rows: number, cols: number, data: Float32Array, inputsHash: string): void {
    this.upsert.run(name, rows, cols, 'dense-f32', blobOf(data), inputsHash, new Date().toISOString());
  }
}
