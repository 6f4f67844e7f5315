import * as tf from '@tensorflow/tfjs';
import { l2Normalize, matMul, stopGradient } from '../ops';
import type { ParamStore } from '../params';

/** Declares the one-layer transformer: Wq, Wk, Wv [d, H dk], Wo [H dk, d] and the weight-scoring vector u [d]. */
export function defineTransformerFusion(params: ParamStore, dim: number, heads: number, keyDim: number): void {
  const hk = heads * keyDim;
  for (const w of ['Wq', 'Wk', 'Wv']) params.glorot(`mformer.${w}`, [dim, hk]);
  // Starts small so the first epochs score the residual tokens (the plain modality vectors, like LoginMEA's
  // adaptive weights); training grows the cross-modal part from there.
  params.normal('mformer.Wo', [hk, dim], 0.1 / Math.sqrt(hk));
  params.normal('mformer.u', [dim], 1 / Math.sqrt(dim));
}

/**
 * MEAformer-style fusion: the M modality vectors of each entity are M tokens X [N, M, d] (unit rows); one
 * multi-head self-attention layer lets each token look at the entity's other modalities only (attention across
 * the M tokens, O(N M^2 H dk), never across entities); Z = X + Attn(X) Wo. The weight of modality m is the
 * softmax over the entity's available modalities of u . tanh(Z_m), so the weights depend on how the modalities
 * relate to each other, unlike LoginMEA's per-token scores. `mask` [N, M] (present x not-frozen, 0..1) removes
 * a modality both as an attention key and from the weights. hs: M tensors [N, d] -> fused [N, d] = sum_m w_m
 * unit(h_m), and weights [N, M] (all zero for an entity without an available modality).
 */
export function transformerFusion(params: ParamStore, hs: tf.Tensor2D[], mask: tf.Tensor2D, heads: number, keyDim: number): { fused: tf.Tensor2D; weights: tf.Tensor2D } {
  return tf.tidy(() => {
    const n = hs[0].shape[0];
    const d = hs[0].shape[1];
    const m = hs.length;
    const units = hs.map((h) => l2Normalize(h));
    const x = tf.stack(units, 1).reshape([n * m, d]) as tf.Tensor2D; // [N M, d]
    // [N M, H dk] -> [N H, M, dk]: heads become part of the batch.
    const split = (w: string): tf.Tensor =>
      matMul(x, params.get(`mformer.${w}`) as tf.Tensor2D).reshape([n, m, heads, keyDim]).transpose([0, 2, 1, 3]).reshape([n * heads, m, keyDim]);
    const q = split('Wq');
    const k = split('Wk');
    const v = split('Wv');
    // Scores [N H, M, M] by broadcasting (M is 2-4): a batched matMul's gradient would take wasm's slow transposed path.
    const s = q.reshape([n * heads, m, 1, keyDim]).mul(k.reshape([n * heads, 1, m, keyDim])).sum(3).mul(1 / Math.sqrt(keyDim));
    const keyMask = mask.reshape([n, 1, 1, m]);
    const s4 = s.reshape([n, heads, m, m]);
    const e = s4.sub(stopGradient(s4.max(3, true))).exp().mul(keyMask);
    const att = e.div(e.sum(3, true).add(1e-12)).reshape([n * heads, m, m, 1]);
    // [N H, M, dk] -> [N, M, H dk] -> [N M, d] through Wo.
    const o = att.mul(v.reshape([n * heads, 1, m, keyDim])).sum(2).reshape([n, heads, m, keyDim]).transpose([0, 2, 1, 3]).reshape([n * m, heads * keyDim]);
    const z = x.add(matMul(o as tf.Tensor2D, params.get('mformer.Wo') as tf.Tensor2D)); // [N M, d]
    const scores = z.tanh().mul(params.get('mformer.u')).sum(1).reshape([n, m]);
    const w = scores.sub(stopGradient(scores.max(1, true))).exp().mul(mask);
    const weights = w.div(w.sum(1, true).add(1e-12)) as tf.Tensor2D;
    const parts = units.map((u, i) => u.mul(weights.slice([0, i], [n, 1])));
    const fused = (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Tensor2D;
    return { fused, weights };
  });
}
