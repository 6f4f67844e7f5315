import * as tf from '@tensorflow/tfjs';
import { l2Normalize, matMul } from '../ops';
import type { ParamStore } from '../params';

/** log(0) stand-in for an empty marginal entry: exp(-69) is ~1e-30, far below float32's useful range for a plan. */
const LOG_FLOOR = 1e-30;

/** Declares the M projections of the joint vector: P [jointDim, M d] (one [jointDim, d] block per modality slot). */
export function defineOptimalTransport(params: ParamStore, modalities: number, jointDim: number, dim: number): void {
  params.glorot('ot.proj', [jointDim, modalities * dim]);
}

/**
 * Entropic optimal transport plans by Sinkhorn iterations in the log domain, batched over entities:
 * cost [B, M, M], source and target marginals a, b [B, M] (rows summing to 1; zero entries get no mass) ->
 * plan [B, M, M] with row sums ~a and column sums b (exact after the last, column, update). Plain values, no
 * gradient: see optimalTransportLoss for why the plan is held constant.
 */
export function sinkhornPlan(cost: tf.Tensor3D, a: tf.Tensor2D, b: tf.Tensor2D, epsilon: number, iterations: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, m] = a.shape;
    const logK = cost.div(-epsilon);
    const logA = a.maximum(LOG_FLOOR).log();
    const logB = b.maximum(LOG_FLOOR).log();
    let logU: tf.Tensor2D = tf.zeros([n, m]);
    let logV: tf.Tensor2D = tf.zeros([n, m]);
    for (let k = 0; k < iterations; k++) {
      // u = a / (K v), v = b / (K^T u), each as a log-sum-exp so small epsilons do not underflow.
      const nextU = logA.sub(tf.logSumExp(logK.add(logV.reshape([n, 1, m])), 2)) as tf.Tensor2D;
      const nextV = logB.sub(tf.logSumExp(logK.add(nextU.reshape([n, m, 1])), 1)) as tf.Tensor2D;
      tf.dispose([logU, logV]);
      logU = nextU;
      logV = nextV;
    }
    // The log floor leaves ~1e-30 on empty rows and columns: zero them exactly, so a missing modality gets no gradient.
    const support = a.greater(0).cast('float32').reshape([n, m, 1]).mul(b.greater(0).cast('float32').reshape([n, 1, m]));
    return logK.add(logU.reshape([n, m, 1])).add(logV.reshape([n, 1, m])).exp().mul(support) as tf.Tensor3D;
  });
}

/**
 * MIMEA's optimal-transport modal alignment, per entity of the batch (never N x N): the set of its M uni-modal
 * vectors (`uni`, M tensors [B, d]) and the M projections of its joint vector (`joint` [B, Dj] times the
 * learned ot.proj) are matched by an entropic OT plan over the cosine-distance cost [B, M, M]; the loss is
 * <plan, cost>, averaged over the entities. `mask` [B, M] (present x not-frozen, 0..1) sets both marginals
 * (normalised), so a missing modality neither sends nor receives mass; entities with no modality are skipped.
 *
 * The plan is computed from a constant copy of the cost: by the envelope theorem the gradient of the
 * entropic OT value with respect to the cost is the optimal plan itself, so this is the standard (and far
 * cheaper) gradient rather than backpropagating through K unrolled iterations.
 */
export function optimalTransportLoss(params: ParamStore, uni: tf.Tensor2D[], joint: tf.Tensor2D, mask: tf.Tensor2D, iterations: number, epsilon: number): tf.Scalar {
  return tf.tidy(() => {
    const bRows = joint.shape[0];
    const m = uni.length;
    const d = uni[0].shape[1];
    const u = tf.stack(uni.map((x) => l2Normalize(x)), 1); // [B, M, d]
    const proj = matMul(joint, params.get('ot.proj') as tf.Tensor2D).reshape([bRows * m, d]) as tf.Tensor2D;
    const p = l2Normalize(proj).reshape([bRows, m, d]);
    // cost[b, i, k] = 1 - cos(uni_i, proj_k)
    const cost = tf.sub(1, u.reshape([bRows, m, 1, d]).mul(p.reshape([bRows, 1, m, d])).sum(3)) as tf.Tensor3D;
    const total = mask.sum(1, true);
    const valid = total.greater(0).cast('float32').reshape([bRows]);
    const marg = mask.div(total.maximum(1e-12)) as tf.Tensor2D;
    // A copy of the values, not a stop-gradient op: the backward then never walks the K iterations at all.
    const fixedCost = tf.tensor3d(cost.dataSync() as Float32Array, [bRows, m, m]);
    const plan = sinkhornPlan(fixedCost, marg, marg, epsilon, iterations);
    const perEntity = plan.mul(cost).sum([1, 2]).mul(valid);
    return perEntity.sum().div(valid.sum().maximum(1)) as tf.Scalar;
  });
}
