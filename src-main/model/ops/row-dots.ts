import * as tf from '@tensorflow/tfjs';
import { customGrad } from './custom-grad';

/**
 * Dot products of row pairs of one matrix: u [N, D], a [P], b [P] -> [P] with out[p] = u[a[p]] . u[b[p]].
 * Gradient: du[a[p]] += g[p] u[b[p]] and du[b[p]] += g[p] u[a[p]].
 *
 * Why a host op: the mined-negative loss scores every training pair against its own K hardest negatives, about
 * a million row pairs per step on DBP15K. Gathered as TF.js tensors that is two [P, D] copies (1.6 GB at D = 384)
 * and a scatter back; on the host it is P x D multiply-adds over the matrix read once.
 */
export function rowDots(u: tf.Tensor2D, a: Int32Array, b: Int32Array): tf.Tensor1D {
  if (a.length !== b.length) throw new RangeError(`rowDots: ${a.length} left rows vs ${b.length} right rows`);
  const [n, d] = u.shape;
  const op = customGrad((x: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([x]);
    const host = x.dataSync() as Float32Array;
    const out = new Float32Array(a.length);
    for (let p = 0; p < a.length; p++) {
      const i = a[p] * d;
      const j = b[p] * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += host[i + k] * host[j + k];
      out[p] = s;
    }
    return {
      value: tf.tensor1d(out),
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
        const g = dy.dataSync() as Float32Array;
        const xs = saved[0].dataSync() as Float32Array;
        const du = new Float32Array(n * d);
        for (let p = 0; p < a.length; p++) {
          const gp = g[p];
          if (gp === 0) continue;
          const i = a[p] * d;
          const j = b[p] * d;
          for (let k = 0; k < d; k++) {
            du[i + k] += gp * xs[j + k];
            du[j + k] += gp * xs[i + k];
          }
        }
        return [tf.tensor2d(du, [n, d])];
      },
    };
  });
  return op(u) as tf.Tensor1D;
}
