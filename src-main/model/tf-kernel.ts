import * as tf from '@tensorflow/tfjs';
import type { SimilarityKernel } from './evaluate';

/** The evaluation's similarity kernel on the active TF.js backend: candidates uploaded once, pre-transposed (plain matMul is the fast path on wasm). */
export function tfKernel(): SimilarityKernel {
  let candT: tf.Tensor2D | null = null;
  let dim = 0;
  return {
    prepare(c, m, d) {
      candT?.dispose();
      dim = d;
      candT = tf.tidy(() => tf.tensor2d(c, [m, d]).transpose() as tf.Tensor2D);
    },
    multiply(q, rows) {
      const s = tf.tidy(() => tf.matMul(tf.tensor2d(q, [rows, dim]), candT!));
      const out = s.dataSync() as Float32Array;
      s.dispose();
      return out;
    },
    dispose() {
      candT?.dispose();
      candT = null;
    },
  };
}

/** A dense host matrix product a [m x k] . b [k x n] on the active TF.js backend (label propagation's projections). */
export function tfMatMul(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float32Array {
  const t = tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])));
  try {
    return t.dataSync() as Float32Array;
  } finally {
    t.dispose();
  }
}
