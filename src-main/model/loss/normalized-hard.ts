import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../ops';

/**
 * The normalised hard-sample loss of RREA and Dual-AMN over given negatives. pos [B]: cosine of each pair; neg
 * [B, K]: cosine of the pair's anchor with K negatives. Per row the margins m_k = neg_k - pos are standardised
 * with their own mean and standard deviation (both held constant for the gradient), and the loss is
 * logsumexp_k(lambda * standardised m_k), averaged over rows.
 *
 * Why standardise: the gradient is lambda / sigma times a softmax over the negatives, so the temperature follows
 * the spread of the anchor's own negatives instead of being one constant for every entity and every epoch; with
 * lambda = 30 it concentrates on the few negatives that outrank or nearly outrank the partner, which is what
 * Hits@1 is decided by. (RREA adds a margin gamma, which the mean subtraction cancels, so it is left out.)
 */
export function normalizedHardLoss(pos: tf.Tensor1D, neg: tf.Tensor2D, lambda: number): tf.Scalar {
  return tf.tidy(() => {
    const m = neg.sub(pos.reshape([-1, 1])) as tf.Tensor2D;
    const { mean, variance } = tf.moments(m, 1, true);
    const mu = stopGradient(mean);
    const sigma = stopGradient(variance.sqrt().add(1e-6));
    const z = m.sub(mu).div(sigma).mul(lambda);
    return tf.logSumExp(z, 1).mean() as tf.Scalar;
  });
}

