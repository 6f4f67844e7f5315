import * as tf from '@tensorflow/tfjs';
import { customGrad } from './custom-grad';

/**
 * Rows of `x` [n, d] at `ids` [k] -> [k, d]. gatherND forward, scatterND backward: tf.gather's own gradient needs
 * UnsortedSegmentSum, which wasm lacks and cpu runs catastrophically slowly (PLATFORM-NOTES.md).
 */
export function gatherRows(x: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const n = x.shape[0];
  const d = x.shape[1];
  const ids2 = ids.reshape([-1, 1]) as tf.Tensor2D;
  // Index tensors made inside a gradient scope are disposed when it closes: save() keeps them for the backward.
  const op = customGrad((input: tf.Tensor, save: tf.GradSaveFunc) => {
    save([ids2]);
    return {
      value: tf.gatherND(input, ids2) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.scatterND(saved[0], dy, [n, d])],
    };
  });
  return op(x) as tf.Tensor2D;
}

/**
 * Segment sum: row i of `x` [k, d] is added into row `ids[i]` of the [numSegments, d] result (scatterND adds
 * duplicate indices). Its gradient is the gather of dy at `ids`.
 */
export function segmentSum(x: tf.Tensor2D, ids: tf.Tensor1D, numSegments: number): tf.Tensor2D {
  const d = x.shape[1];
  const ids2 = ids.reshape([-1, 1]) as tf.Tensor2D;
  const op = customGrad((input: tf.Tensor, save: tf.GradSaveFunc) => {
    save([ids2]);
    return {
      value: tf.scatterND(ids2, input, [numSegments, d]) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.gatherND(dy, saved[0])],
    };
  });
  return op(x) as tf.Tensor2D;
}

/** Elements of a vector `x` [n] at `ids` [k] -> [k], with the same gatherND/scatterND pair. */
export function gatherVector(x: tf.Tensor1D, ids: tf.Tensor1D): tf.Tensor1D {
  return gatherRows(x.reshape([-1, 1]) as tf.Tensor2D, ids).reshape([-1]) as tf.Tensor1D;
}

/** Segment sum of a vector `x` [k] into [numSegments]. */
export function segmentSumVector(x: tf.Tensor1D, ids: tf.Tensor1D, numSegments: number): tf.Tensor1D {
  return segmentSum(x.reshape([-1, 1]) as tf.Tensor2D, ids, numSegments).reshape([-1]) as tf.Tensor1D;
}
