import * as tf from '@tensorflow/tfjs';
import { customGrad } from './custom-grad';

/** The identity forward with a zero gradient (TF.js has no stopGradient). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const op = customGrad((input: tf.Tensor) => ({
    value: input.clone(),
    gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy)],
  }));
  return op(x) as T;
}

/**
 * Row-wise L2 normalisation of x [n, d] (TF.js has no l2Normalize): x / sqrt(sum x^2 + eps). The epsilon keeps
 * all-zero rows (entities without a feature) at zero with a finite gradient; autodiff handles the rest.
 */
export function l2Normalize(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return tf.tidy(() => x.mul(tf.rsqrt(x.square().sum(1, true).add(eps))));
}

/**
 * x * mask with a mask that is a constant (gradient flows to x only, scaled by the mask). `tf.where` on a
 * comparison breaks gradients; a multiplication by a stop-gradient mask does not.
 */
export function applyMask<T extends tf.Tensor>(x: T, mask: tf.Tensor): T {
  const op = customGrad((input: tf.Tensor, save: tf.GradSaveFunc) => {
    save([mask]);
    return { value: input.mul(mask), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.mul(saved[0])] };
  });
  return op(x) as T;
}
