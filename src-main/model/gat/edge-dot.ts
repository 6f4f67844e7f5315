import type * as tf from '@tensorflow/tfjs';
import { pairDots } from '../ops/row-dots';
import type { EdgeIndex } from '../ops/reflect-aggregate';

/**
 * Per-edge dot product of the receiving node's query and the sending node's vector: q [N, d], h [N, d] ->
 * logits [E] with logits_e = q[dst_e] . h[src_e]. Gradients: dq[dst_e] += g_e h[src_e], dh[src_e] += g_e q[dst_e].
 * One host pass over the edges (ops/row-dots.ts): composed from ops it would be two saved [E, d] gathers, a
 * product, a sum and the scatter workaround for the gather's gradient.
 */
export function edgeDot(q: tf.Tensor2D, h: tf.Tensor2D, edges: EdgeIndex): tf.Tensor1D {
  return pairDots(q, h, edges.dst, edges.src);
}
