import * as tf from '@tensorflow/tfjs';
import { unitRows } from '../evaluate';

/**
 * For each training pair, the K entities of the other graph nearest (cosine) to its left and to its right, from
 * the current embeddings: the hard negatives the normalised hard-sample loss is computed over.
 *
 * Why mine instead of scoring every entity each step: RREA's loss ranks each anchor against all N entities, a
 * [B, N] product per step (about 60 G multiply-adds on DBP15K at the benchmark width) when only the top few dozen
 * carry gradient after the standardised logsumexp. Mining every few epochs costs one such product and leaves
 * each step B x K x D.
 */
export interface MinedNegatives {
  k: number;
  /** Int32 [P * k]: KG2 entities nearest to pair p's left, partner excluded. */
  ofLeft: Int32Array;
  /** Int32 [P * k]: KG1 entities nearest to pair p's right, partner excluded. */
  ofRight: Int32Array;
}

/** Queries scored per block: bounds the [block, pool] score matrix (1024 x 20k floats = 80 MB). */
const BLOCK = 1024;

/** Mines K hard negatives per pair. `final` row-major [N x dim]; pairs flat [l, r, ...]; pools by side. */
export function mineNegatives(final: Float32Array, dim: number, pairs: Int32Array, pools: [Int32Array, Int32Array], k: number): MinedNegatives {
  const p = pairs.length / 2;
  const lefts = Int32Array.from({ length: p }, (_, i) => pairs[2 * i]);
  const rights = Int32Array.from({ length: p }, (_, i) => pairs[2 * i + 1]);
  return {
    k,
    ofLeft: nearestExcluding(final, dim, lefts, pools[1], rights, k),
    ofRight: nearestExcluding(final, dim, rights, pools[0], lefts, k),
  };
}

/** For each query, the k nearest pool entities other than its partner. */
function nearestExcluding(final: Float32Array, dim: number, queries: Int32Array, pool: Int32Array, partner: Int32Array, k: number): Int32Array {
  const kk = Math.min(k + 1, pool.length);
  const out = new Int32Array(queries.length * k);
  const candT = tf.tidy(() => unitRowTensor(final, dim, pool).transpose() as tf.Tensor2D);
  try {
    for (let start = 0; start < queries.length; start += BLOCK) {
      const q = queries.subarray(start, Math.min(queries.length, start + BLOCK));
      const idx = tf.tidy(() => tf.topk(tf.matMul(unitRowTensor(final, dim, q), candT), kk).indices);
      const top = idx.dataSync() as Int32Array;
      idx.dispose();
      for (let r = 0; r < q.length; r++) {
        const row = start + r;
        let w = 0;
        for (let c = 0; c < kk && w < k; c++) {
          const e = pool[top[r * kk + c]];
          if (e !== partner[row]) out[row * k + w++] = e;
        }
        // Fewer pool entities than k + 1: repeat the last one rather than leave entity 0 as a fake negative.
        for (; w < k; w++) out[row * k + w] = out[row * k + w - 1];
      }
    }
  } finally {
    candT.dispose();
  }
  return out;
}

/** The rows `ids` of `final`, L2-normalised, as a [ids.length, dim] tensor. */
function unitRowTensor(final: Float32Array, dim: number, ids: Int32Array): tf.Tensor2D {
  return tf.tensor2d(unitRows(final, dim, ids), [ids.length, dim]);
}
