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
    const rowsLR = negRight ? (tf.concat([s, matMulT(ls, negRight)], 1) as tf.Tensor2D) : s;
    const rowsRL = negLeft ? (tf.concat([s.transpose(), matMulT(right.mul(scale) as tf.Tensor2D, negLeft)], 1) as tf.Tensor2D) : (s.transpose() as tf.Tensor2D);
    return crossEntropy(rowsLR, pos).add(crossEntropy(rowsRL, pos)).div(2) as tf.Scalar;
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
