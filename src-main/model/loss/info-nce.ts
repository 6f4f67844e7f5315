import * as tf from '@tensorflow/tfjs';
import { matMulT } from '../ops';

/**
 * Symmetric InfoNCE over aligned rows: left [B, D] and right [B, D] are unit vectors, row i of each is a pair.
 * Each left is scored (cosine / temperature) against every right of the batch plus `negRight` [K, D], and each
 * right against every left plus `negLeft` [K, D]; cross-entropy on the true partner, both directions averaged.
 * The B x B in-batch block is computed once and read both ways (its transpose), which halves the dominant cost.
 */
export function infoNce(left: tf.Tensor2D, right: tf.Tensor2D, temperature: number, negRight?: tf.Tensor2D | null, negLeft?: tf.Tensor2D | null): tf.Scalar {
  return tf.tidy(() => {
    const scale = 1 / temperature;
    const pos = left.mul(right).sum(1).mul(scale);
    const s = matMulT(left, right).mul(scale) as tf.Tensor2D; // [B, B]: s[i, j] = cos(left_i, right_j) / t
    const rowsLR = negRight ? tf.concat([s, matMulT(left, negRight).mul(scale)], 1) : s;
    const rowsRL = negLeft ? tf.concat([s.transpose(), matMulT(right, negLeft).mul(scale)], 1) : s.transpose();
    const lr = tf.logSumExp(rowsLR, 1).sub(pos).mean();
    const rl = tf.logSumExp(rowsRL, 1).sub(pos).mean();
    return lr.add(rl).div(2) as tf.Scalar;
  });
}
