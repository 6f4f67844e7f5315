import * as tf from '@tensorflow/tfjs';
import { customGrad } from './custom-grad';

/**
 * a [m, k] x b [k, n] -> [m, n]. The backward transposes explicitly and multiplies plainly: tf.matMul's built-in
 * gradient uses transposeA/transposeB, which falls off wasm's fast path (about 13x slower, PLATFORM-NOTES.md).
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = customGrad((x: tf.Tensor, y: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, y]);
    return {
      value: tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [tf.matMul(dy as tf.Tensor2D, ys.transpose()), tf.matMul(xs.transpose(), dy as tf.Tensor2D)];
      },
    };
  });
  return op(a, b) as tf.Tensor2D;
}

/** a [m, k] x b^T where b is [n, k] -> [m, n] (a similarity matrix), fast on wasm in both directions. */
export function matMulT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = customGrad((x: tf.Tensor, y: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, y]);
    return {
      value: tf.matMul(x as tf.Tensor2D, (y as tf.Tensor2D).transpose()),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as [tf.Tensor2D, tf.Tensor2D];
        // d/dx = dy [m,n] * y [n,k]; d/dy = dy^T [n,m] * x [m,k].
        return [tf.matMul(dy as tf.Tensor2D, ys), tf.matMul((dy as tf.Tensor2D).transpose(), xs)];
      },
    };
  });
  return op(a, b) as tf.Tensor2D;
}

/** x [m, k] (a constant input such as a feature matrix) x w [k, n]: the gradient goes to w only, saving x's. */
export function matMulConst(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const op = customGrad((y: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: tf.matMul(x, y as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul((saved[0] as tf.Tensor2D).transpose(), dy as tf.Tensor2D)],
    };
  });
  return op(w) as tf.Tensor2D;
}
