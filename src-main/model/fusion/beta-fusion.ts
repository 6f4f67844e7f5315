import * as tf from '@tensorflow/tfjs';
import { l2Normalize, matMul } from '../ops';
import type { ParamStore } from '../params';

/** Added to both softplus outputs so a Beta parameter never reaches 0 (the distribution would degenerate). */
const BETA_EPS = 1e-3;

/** softplus^-1(1 - BETA_EPS): the head's bias starts every weight at Beta(1, 1), the uniform distribution. */
const UNIFORM_BIAS = Math.log(Math.expm1(1 - BETA_EPS));

/** Keeps the Kumaraswamy inverse CDF away from log(0) at u = 0 or 1 (and when b is very large). */
const U_CLIP = 1e-6;

/** What MIMEA's probability-guided fusion yields for N entities and M modalities. */
export interface BetaFusionOutput {
  /** [N, d]: sum over modalities of weight x unit(h_m). */
  fused: tf.Tensor2D;
  /** [N, M]: the weights used (masked and renormalised; all zero for an entity without an available modality). */
  weights: tf.Tensor2D;
  /** [N, M]: the Beta standard deviation of each raw weight, sqrt(ab / ((a + b)^2 (a + b + 1))), before masking. */
  uncertainty: tf.Tensor2D;
}

/** Declares, per modality, the head W [d, 2] and bias [2] that predict (a, b) from the encoder output. */
export function defineBetaFusion(params: ParamStore, modalities: string[], dim: number): void {
  for (const m of modalities) {
    params.normal(`beta.${m}.W`, [dim, 2], 1 / Math.sqrt(dim));
    params.fill(`beta.${m}.b`, [2], UNIFORM_BIAS);
  }
}

/** Beta parameters per entity and modality: a, b [N, M], each softplus(unit(h_m) W_m + b_m) + eps. */
export function betaParameters(params: ParamStore, modalities: string[], hs: tf.Tensor2D[]): { a: tf.Tensor2D; b: tf.Tensor2D } {
  return tf.tidy(() => {
    // [N, 2] per modality -> [N, M, 2]
    const heads = hs.map((h, i) => matMul(l2Normalize(h), params.get(`beta.${modalities[i]}.W`) as tf.Tensor2D).add(params.get(`beta.${modalities[i]}.b`)));
    const ab = tf.softplus(tf.stack(heads, 1)).add(BETA_EPS);
    const n = hs[0].shape[0];
    const m = hs.length;
    return {
      a: ab.slice([0, 0, 0], [n, m, 1]).reshape([n, m]) as tf.Tensor2D,
      b: ab.slice([0, 0, 1], [n, m, 1]).reshape([n, m]) as tf.Tensor2D,
    };
  });
}

/**
 * MIMEA probability-guided fusion (our reading of the abstract, MODEL.md "Variants"). Every entity's weight for
 * modality m is a random variable w_m ~ Beta(a_m, b_m) whose parameters the entity's own encoder output predicts.
 * Training (`sampleSeed` set) uses a reparameterised sample so gradients reach a and b; inference
 * (`sampleSeed` null) uses the Beta mean a / (a + b). `mask` [N, M] (present x not-frozen, 0..1, as in
 * adaptive-weights.ts) multiplies the weights, which are then renormalised over the modalities the entity has.
 * hs: M tensors [N, d] -> fused [N, d], the same width as the low-rank fusion, so the network after it is unchanged.
 *
 * The sampler: TF.js has no Beta (nor a reparameterisable Gamma) sampler, so training draws from Kumaraswamy(a, b)
 * by its closed-form inverse CDF, x = (1 - (1 - u)^(1/b))^(1/a), u ~ U(0, 1) seeded. It is the usual stand-in for
 * Beta in reparameterised models (Nalisnick and Smyth's stick-breaking VAE): same support, same (a, b) roles, the
 * gradients are plain elementwise ops that every backend has, and no rejection loop (unlike Gamma-based Beta
 * sampling) so one draw per entity and modality is exactly one pass. Its mean differs slightly from a / (a + b);
 * only the relative weights matter after renormalisation, and the spread (which the curator sees) is the Beta one.
 */
export function betaFusion(params: ParamStore, modalities: string[], hs: tf.Tensor2D[], mask: tf.Tensor2D, sampleSeed: number | null): BetaFusionOutput {
  return tf.tidy(() => {
    const { a, b } = betaParameters(params, modalities, hs);
    const sum = a.add(b);
    const uncertainty = a.mul(b).div(sum.square().mul(sum.add(1))).sqrt() as tf.Tensor2D;
    let raw: tf.Tensor2D;
    if (sampleSeed === null) {
      raw = a.div(sum) as tf.Tensor2D;
    } else {
      const u = tf.randomUniform(a.shape, U_CLIP, 1 - U_CLIP, 'float32', sampleSeed);
      // (1 - u)^(1/b) in the log domain, then (1 - t)^(1/a); the clip keeps 1 - t > 0 when 1/b underflows.
      const t = tf.exp(tf.log1p(u.neg()).div(b));
      raw = tf.exp(tf.log(tf.maximum(tf.sub(1, t), U_CLIP)).div(a)) as tf.Tensor2D;
    }
    const masked = raw.mul(mask);
    const weights = masked.div(masked.sum(1, true).add(1e-12)) as tf.Tensor2D;
    const n = hs[0].shape[0];
    const parts = hs.map((h, i) => l2Normalize(h).mul(weights.slice([0, i], [n, 1])));
    const fused = (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Tensor2D;
    return { fused, weights, uncertainty };
  });
}
