import * as tf from '@tensorflow/tfjs';
import { matMulT } from '../ops';

/**
 * Symmetric InfoNCE over aligned rows: left [B, D] and right [B, D] are unit vectors, row i of each is a pair.
 * Each left is scored (cosine / temperature) against every right of the batch plus `negRight` [K, D], and each
 * right against every left plus `negLeft`; cross-entropy on the true partner, both directions averaged -> scalar.
 */
export function infoNce(left: tf.Tensor2D, right: tf.Tensor2D, temperature: number, negRight?: tf.Tensor2D | null, negLeft?: tf.Tensor2D | null): tf.Scalar {
  return tf.tidy(() => {
    const scale = 1 / temperature;
    const pos = left.mul(right).sum(1).mul(scale);
    const colsR = negRight ? tf.concat([right, negRight], 0) as tf.Tensor2D : right;
    const colsL = negLeft ? tf.concat([left, negLeft], 0) as tf.Tensor2D : left;
    const lr = tf.logSumExp(matMulT(left, colsR).mul(scale), 1).sub(pos).mean();
    const rl = tf.logSumExp(matMulT(right, colsL).mul(scale), 1).sub(pos).mean();
    return lr.add(rl).div(2) as tf.Scalar;
  });
}
