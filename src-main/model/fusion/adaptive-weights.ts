import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../ops';
import type { ParamStore } from '../params';

/** Declares the per-modality scoring vectors u_m [d]. */
export function defineAdaptiveWeights(params: ParamStore, modalities: string[], dim: number): void {
  for (const m of modalities) params.normal(`adaptive.${m}.u`, [dim], 1 / Math.sqrt(dim));
}

/**
 * Entity-specific modality weights [N, M]: softmax over modalities of u_m . tanh(h_m(e)), where `available`
 * [N, M] (present and not frozen, 0..1) removes a modality from an entity's softmax. An entity with no available
 * modality gets all-zero weights. With `adaptive` off the weights are uniform over the available modalities.
 */
export function modalityWeights(params: ParamStore, modalities: string[], hs: tf.Tensor2D[], available: tf.Tensor2D, adaptive: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    let e: tf.Tensor2D;
    if (adaptive) {
      const scores = hs.map((h, i) => h.tanh().mul(params.get(`adaptive.${modalities[i]}.u`)).sum(1, true));
      const s = tf.concat(scores, 1) as tf.Tensor2D;
      // The row max is a constant shift (softmax ignores it); |s| <= |u|_1 anyway.
      e = s.sub(stopGradient(s.max(1, true))).exp().mul(available);
    } else {
      e = available.clone();
    }
    return e.div(e.sum(1, true).add(1e-12)) as tf.Tensor2D;
  });
}
