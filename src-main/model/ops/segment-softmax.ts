import * as tf from '@tensorflow/tfjs';
import { gatherVector, segmentSumVector } from './gather';
import { stopGradient } from './basic';

/**
 * Softmax of edge logits [E] over the edges sharing a segment (the incoming edges of each node): e / sum_seg e.
 *
 * TF.js has no unsortedSegmentMax, so the max shift is the global max, held constant (softmax is invariant to any
 * shift shared by a segment, so only range matters). That is exact while the logit range stays below ~69, where
 * exp(-range) reaches the 1e-30 floor that keeps a fully underflowed segment's denominator finite (the segment
 * then degrades gracefully instead of dividing by zero). In the GAT the logit is a . r with |r| = 1, so the range is at most 2|a|: with |a| near 1 (its
 * initialisation and what weight decay keeps it at) the shift is numerically exact.
 */
export function segmentSoftmax(logits: tf.Tensor1D, segments: tf.Tensor1D, numSegments: number): tf.Tensor1D {
  return tf.tidy(() => {
    const shift = stopGradient(logits.max());
    const e = logits.sub(shift).exp() as tf.Tensor1D;
    const denom = segmentSumVector(e, segments, numSegments).maximum(1e-30) as tf.Tensor1D;
    return e.div(gatherVector(denom, segments)) as tf.Tensor1D;
  });
}
