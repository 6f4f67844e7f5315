import * as tf from '@tensorflow/tfjs';
import { customGrad } from './custom-grad';

/** A constant sparse matrix [numRows x numCols] in coordinate form, on the host. */
export interface SparseMatrix {
  rows: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
  numRows: number;
  numCols: number;
}

/**
 * A [N x C] (sparse, constant) times w [C x d] -> [N x d], gradient to w only: dW = A^T dy. A host loop over the
 * non-zeros: as gather + multiply + segment sum it would hold two [nnz x d] tensors for the backward pass.
 */
export function sparseMatMul(a: SparseMatrix, w: tf.Tensor2D): tf.Tensor2D {
  const op = customGrad((wIn: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([wIn]);
    const d = wIn.shape[1];
    const wv = wIn.dataSync() as Float32Array;
    const out = new Float32Array(a.numRows * d);
    for (let z = 0; z < a.vals.length; z++) {
      const o = a.rows[z] * d;
      const i = a.cols[z] * d;
      const v = a.vals[z];
      for (let k = 0; k < d; k++) out[o + k] += v * wv[i + k];
    }
    return {
      value: tf.tensor2d(out, [a.numRows, d]),
      gradFunc: (dy: tf.Tensor2D) => {
        const g = dy.dataSync() as Float32Array;
        const dw = new Float32Array(a.numCols * d);
        for (let z = 0; z < a.vals.length; z++) {
          const o = a.rows[z] * d;
          const i = a.cols[z] * d;
          const v = a.vals[z];
          for (let k = 0; k < d; k++) dw[i + k] += v * g[o + k];
        }
        return [tf.tensor2d(dw, [a.numCols, d])];
      },
    };
  });
  return op(w);
}
