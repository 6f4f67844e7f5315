import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../ops';
import { lowRankCore } from './low-rank-core';
import type { ParamStore } from '../params';

/** Declares the factors F_m [(d+1), R*d] (the R x (d+1) x d tensor, flattened), rank weights [R] and bias [d]. */
export function defineLowRankFusion(params: ParamStore, modalities: string[], dim: number, rank: number): void {
  for (const m of modalities) params.normal(`lmf.${m}.F`, [dim + 1, rank * dim], 1 / Math.sqrt(dim + 1));
  params.fill('lmf.rankW', [rank, 1], 1 / rank);
  params.fill('lmf.bias', [dim], 0);
}

/**
 * Low-rank multimodal fusion: z_m = [w_m * unit(h_m), 1] [N, d+1]; p_m = z_m F_m [N, R, d]; the R projections
 * multiplied element-wise across modalities, then combined by the rank weights plus a bias -> [N, d]. The
 * constant 1 means a zero-weighted (missing or frozen) modality contributes its factor's bias row rather than
 * wiping out the product. Cost is linear in the number of modalities.
 */
export function lowRankFusion(params: ParamStore, modalities: string[], hs: tf.Tensor2D[], weights: tf.Tensor2D, dim: number, rank: number): tf.Tensor2D {
  return tf.tidy(() => {
    const n = hs[0].shape[0];
    const ones = tf.ones([n, 1]);
    const zs = hs.map((h, i) => tf.concat([l2Normalize(h).mul(weights.slice([0, i], [n, 1])), ones], 1) as tf.Tensor2D);
    const fs = modalities.map((m) => params.get(`lmf.${m}.F`) as tf.Tensor2D);
    return lowRankCore(zs, fs, params.get('lmf.rankW'), params.get('lmf.bias'), rank, dim);
  });
}
