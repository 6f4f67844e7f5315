import * as tf from '@tensorflow/tfjs';
import { customGrad } from './custom-grad';

/**
 * Dot products of row pairs of two matrices: x [N, D], y [M, D], a [P], b [P] -> [P] with out[p] = x[a[p]] . y[b[p]].
 * Gradients: dx[a[p]] += g[p] y[b[p]] and dy[b[p]] += g[p] x[a[p]].
 *
 * Why a host op: the mined-negative loss scores every training pair against its own K hardest negatives (about a
 * million row pairs per step on DBP15K) and the meta-path encoder scores every edge (331k). Gathered as TF.js
 * tensors that is two [P, D] copies (1.6 GB at D = 384), their product and a scatter back; here it is P x D
 * multiply-adds over the matrices read once, O(P) memory, the same on every backend.
 */
export function pairDots(x: tf.Tensor2D, y: tf.Tensor2D, a: Int32Array, b: Int32Array): tf.Tensor1D {
  if (a.length !== b.length) throw new RangeError(`pairDots: ${a.length} left rows vs ${b.length} right rows`);
  if (x.shape[1] !== y.shape[1]) throw new RangeError(`pairDots: widths ${x.shape[1]} and ${y.shape[1]} differ`);
  const d = x.shape[1];
  const op = customGrad((xIn: tf.Tensor2D, yIn: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([xIn, yIn]);
    const xv = xIn.dataSync() as Float32Array;
    const yv = yIn.dataSync() as Float32Array;
    const out = new Float32Array(a.length);
    for (let p = 0; p < a.length; p++) {
      const i = a[p] * d;
      const j = b[p] * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += xv[i + k] * yv[j + k];
      out[p] = s;
    }
    return {
      value: tf.tensor1d(out),
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
        const [xs, ys] = saved;
        const g = dy.dataSync() as Float32Array;
        const xa = xs.dataSync() as Float32Array;
        const ya = ys.dataSync() as Float32Array;
        const dx = new Float32Array(xa.length);
        const dyy = new Float32Array(ya.length);
        for (let p = 0; p < a.length; p++) {
          const gp = g[p];
          if (gp === 0) continue;
          const i = a[p] * d;
          const j = b[p] * d;
          for (let k = 0; k < d; k++) {
            dx[i + k] += gp * ya[j + k];
            dyy[j + k] += gp * xa[i + k];
          }
        }
        return [tf.tensor2d(dx, xs.shape as [number, number]), tf.tensor2d(dyy, ys.shape as [number, number])];
      },
    };
  });
  return op(x, y) as tf.Tensor1D;
}

/** Row pairs of one matrix: u [N, D] -> [P] with out[p] = u[a[p]] . u[b[p]] (the gradients of both sides add up). */
export function rowDots(u: tf.Tensor2D, a: Int32Array, b: Int32Array): tf.Tensor1D {
  if (a.length !== b.length) throw new RangeError(`rowDots: ${a.length} left rows vs ${b.length} right rows`);
  return pairDots(u, u, a, b);
}
