import * as tf from '@tensorflow/tfjs';

/**
 * tf.customGrad with usable types: TF.js declares the forward as variadic over (Tensor | GradSaveFunc), which no
 * concrete (x, save) signature satisfies under strict checking.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function customGrad<T extends tf.Tensor>(f: (...args: any[]) => { value: T; gradFunc: (dy: any, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] }): (...args: tf.Tensor[]) => T {
  return tf.customGrad(f as Parameters<typeof tf.customGrad<T>>[0]) as (...args: tf.Tensor[]) => T;
}
