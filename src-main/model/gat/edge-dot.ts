import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/custom-grad';
import type { EdgeIndex } from '../ops/reflect-aggregate';

/**
 * Per-edge dot product of the receiving node's query and the sending node's vector: q [N, d], h [N, d] ->
 * logits [E] with logits_e = q[dst_e] . h[src_e]. Gradients: dq[dst_e] += g_e h[src_e], dh[src_e] += g_e q[dst_e].
 *
 * Why a host loop (like ops/reflect-aggregate.ts): composed from ops it is two [E, d] gathers, a product and a
 * sum, all saved for the backward (and the gather's gradient needs the scatter workaround); one pass over the
 * edges computes it with O(E) memory and runs the same on every backend.
 */
export function edgeDot(q: tf.Tensor2D, h: tf.Tensor2D, edges: EdgeIndex): tf.Tensor1D {
  const op = customGrad((qIn: tf.Tensor2D, hIn: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([qIn, hIn]);
    const d = qIn.shape[1];
    const qv = qIn.dataSync() as Float32Array;
    const hv = hIn.dataSync() as Float32Array;
    const { src, dst } = edges;
    const out = new Float32Array(src.length);
    for (let e = 0; e < src.length; e++) {
      const qi = dst[e] * d;
      const hj = src[e] * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += qv[qi + k] * hv[hj + k];
      out[e] = s;
    }
    return {
      value: tf.tensor1d(out),
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
        const [qs, hs] = saved;
        const g = dy.dataSync() as Float32Array;
        const qa = qs.dataSync() as Float32Array;
        const ha = hs.dataSync() as Float32Array;
        const dq = new Float32Array(qa.length);
        const dh = new Float32Array(ha.length);
        for (let e = 0; e < src.length; e++) {
          const ge = g[e];
          if (ge === 0) continue;
          const qi = dst[e] * d;
          const hj = src[e] * d;
          for (let k = 0; k < d; k++) {
            dq[qi + k] += ge * ha[hj + k];
            dh[hj + k] += ge * qa[qi + k];
          }
        }
        return [tf.tensor2d(dq, qs.shape as [number, number]), tf.tensor2d(dh, hs.shape as [number, number])];
      },
    };
  });
  return op(q, h) as tf.Tensor1D;
}
