import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../ops';
import type { ParamStore } from '../params';

/** Declares one global weight logit per modality (MCLEA-style). */
export function defineConcatFusion(params: ParamStore, modalities: string[]): void {
  params.fill('concat.w', [modalities.length], 0);
}

/**
 * MCLEA-style weighted concatenation -> [N, M*d]: softmax of global weights times each unit modality vector,
 * masked per entity by `available` [N, M] (missing or frozen -> 0). Kept for the ablation and for speed.
 */
export function concatFusion(params: ParamStore, hs: tf.Tensor2D[], available: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = hs[0].shape[0];
    const g = params.get('concat.w').softmax();
    const parts = hs.map((h, i) => l2Normalize(h).mul(available.slice([0, i], [n, 1])).mul(g.slice([i], [1])));
    return tf.concat(parts, 1) as tf.Tensor2D;
  });
}
