import * as tf from '@tensorflow/tfjs';
import { matMulT } from '../ops';
import { customGrad } from '../ops/custom-grad';

/**
 * Symmetric InfoNCE over aligned rows: left [B, D] and right [B, D] are unit vectors, row i of each is a pair.
 * Each left is scored (cosine / temperature) against every right of the batch plus `negRight` [K, D], and each
 * right against every left plus `negLeft` [K, D]; cross-entropy on the true partner, both directions averaged.
 * The B x B in-batch block is computed once and read both ways (its transpose), which halves the dominant cost;
 * the temperature scales the [B, D] inputs rather than the [B, B + K] products.
 */
export function infoNce(left: tf.Tensor2D, right: tf.Tensor2D, temperature: number, negRight?: tf.Tensor2D | null, negLeft?: tf.Tensor2D | null): tf.Scalar {
  return tf.tidy(() => {
    const scale = 1 / temperature;
    const ls = left.mul(scale) as tf.Tensor2D;
    const pos = ls.mul(right).sum(1) as tf.Tensor1D;
    const s = matMulT(ls, right); // [B, B]: s[i, j] = cos(left_i, right_j) / t
    const sT = s.transpose() as tf.Tensor2D;
    // The negatives' block is read beside the in-batch one rather than concatenated: a [B, B + K] concat and
    // its split in the backward cost ~1 s per DBP15K step on wasm.
    const lr = negRight ? crossEntropy2(s, matMulT(ls, negRight), pos) : crossEntropy(s, pos);
    const rl = negLeft ? crossEntropy2(sT, matMulT(right.mul(scale) as tf.Tensor2D, negLeft), pos) : crossEntropy(sT, pos);
    return lr.add(rl).div(2) as tf.Scalar;
  });
}

/**
 * mean over rows of logsumexp(logits[i, :]) - pos[i], as one op: logits [B, C], pos [B] -> scalar. Gradients:
 * softmax(logits) / B and -1 / B. Composed from ops, the [B, C] intermediates (max shift, exp, sum, log) would all
 * be saved, and wasm copies each saved tensor; that pushed OpenEA with two modalities past the wasm heap.
 */
export function crossEntropy(logits: tf.Tensor2D, pos: tf.Tensor1D): tf.Scalar {
  const op = customGrad((x: tf.Tensor2D, p: tf.Tensor1D, save: tf.GradSaveFunc) => {
    save([x]);
    const value = tf.tidy(() => tf.logSumExp(x, 1).sub(p).mean() as tf.Scalar);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const b = saved[0].shape[0];
        return tf.tidy(() => [tf.softmax(saved[0] as tf.Tensor2D).mul(dy.div(b)), tf.fill([b], -1).mul(dy.div(b))]);
      },
    };
  });
  return op(logits, pos);
}

/**
 * crossEntropy over the columns of [a | b] without forming the concatenation: a [B, C1], b [B, C2], pos [B] ->
 * mean over rows of logsumexp([a_i, b_i]) - pos[i]. Gradients: exp(a - lse) / B, exp(b - lse) / B, -1 / B.
 */
export function crossEntropy2(a: tf.Tensor2D, b: tf.Tensor2D, pos: tf.Tensor1D): tf.Scalar {
  const op = customGrad((x: tf.Tensor2D, y: tf.Tensor2D, p: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const lse = tf.tidy(() => {
      const m = tf.maximum(x.max(1, true), y.max(1, true));
      return x.sub(m).exp().sum(1, true).add(y.sub(m).exp().sum(1, true)).log().add(m) as tf.Tensor2D;
    });
    save([x, y, lse]);
    const value = tf.tidy(() => lse.reshape([-1]).sub(p).mean() as tf.Scalar);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const [xs, ys, l] = saved;
        const n = xs.shape[0];
        return tf.tidy(() => {
          const k = dy.div(n);
          return [xs.sub(l).exp().mul(k), ys.sub(l).exp().mul(k), tf.fill([n], -1).mul(k)];
        });
      },
    };
  });
  return op(a, b, pos);
}
