import * as tf from '@tensorflow/tfjs';
import type { DenseFeature } from './training-data';
import { matMulConst, sparseMatMul, type SparseMatrix } from './ops';
import type { ParamStore } from './params';

/**
 * A modality's input on the device, L2-normalised per row. Sparse bags (relation/attribute counts, hashed n-grams)
 * stay on the host as coordinate lists so the encoder costs O(nnz x d) instead of O(N x cols x d).
 */
export type FeatureInput =
  | { kind: 'sparse'; matrix: SparseMatrix; numCols: number; numRows: number }
  | { kind: 'dense'; x: tf.Tensor2D; numCols: number; numRows: number };

/** Below this fraction of non-zeros a feature is encoded sparsely. */
const SPARSE_DENSITY = 0.1;

/** Uploads a DenseFeature (row-normalised) in the cheaper of the two layouts. */
export function uploadFeature(feature: DenseFeature, numRows: number): FeatureInput {
  const { cols, data } = feature;
  let nnz = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nnz++;
  const norms = new Float32Array(numRows);
  for (let r = 0; r < numRows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += data[r * cols + c] ** 2;
    norms[r] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  if (nnz <= SPARSE_DENSITY * data.length) {
    const rows = new Int32Array(nnz);
    const colIds = new Int32Array(nnz);
    const vals = new Float32Array(nnz);
    let k = 0;
    for (let r = 0; r < numRows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = data[r * cols + c];
        if (v !== 0) {
          rows[k] = r;
          colIds[k] = c;
          vals[k++] = v * norms[r];
        }
      }
    }
    return { kind: 'sparse', matrix: { rows, cols: colIds, vals, numRows, numCols: cols }, numCols: cols, numRows };
  }
  const x = new Float32Array(data.length);
  for (let r = 0; r < numRows; r++) for (let c = 0; c < cols; c++) x[r * cols + c] = data[r * cols + c] * norms[r];
  return { kind: 'dense', x: tf.tensor2d(x, [numRows, cols]), numCols: cols, numRows };
}

/** Frees a FeatureInput's tensors. */
export function disposeFeature(input: FeatureInput): void {
  if (input.kind === 'dense') input.x.dispose();
}

/** Declares the linear encoder of one modality: W [cols x d], b [d]. */
export function defineEncoder(params: ParamStore, name: string, numCols: number, dim: number): void {
  params.glorot(`enc.${name}.W`, [numCols, dim]);
  params.fill(`enc.${name}.b`, [dim], 0);
}

/** x W + b -> [N, d]; sparse inputs as a weighted sum of W's rows (gather + segment sum). */
export function encode(params: ParamStore, name: string, input: FeatureInput): tf.Tensor2D {
  const W = params.get(`enc.${name}.W`) as tf.Tensor2D;
  const b = params.get(`enc.${name}.b`);
  if (input.kind === 'sparse') return sparseMatMul(input.matrix, W).add(b);
  return matMulConst(input.x, W).add(b);
}
