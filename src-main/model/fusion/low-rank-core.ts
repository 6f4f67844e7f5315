import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/custom-grad';

/**
 * The heavy middle of low-rank fusion as one op: z_m [N, d+1] per modality, F_m [d+1, R*d] ->
 * out [N, d] = sum_r w_r prod_m (z_m F_m)[:, r, :] + bias. Only the inputs are saved: autodiff would keep
 * several [N, R*d] products (160 MB each on DBP15K, and wasm copies every saved tensor), so the backward
 * recomputes the projections instead. Gradients, with P_m = z_m F_m and Q_m = prod over the other modalities:
 *   dP_m[:, r, :] = w_r dOut Q_m[:, r, :];  dz_m = dP_m F_m^T;  dF_m = z_m^T dP_m;
 *   dw_r = sum(dOut * prod_m P_m[:, r, :]);  dbias = sum over rows of dOut.
 */
export function lowRankCore(zs: tf.Tensor2D[], fs: tf.Tensor2D[], rankW: tf.Tensor, bias: tf.Tensor, rank: number, dim: number): tf.Tensor2D {
  const m = zs.length;
  const op = customGrad((...args: tf.Tensor[]) => {
    const save = args[args.length - 1] as unknown as tf.GradSaveFunc;
    const inputs = args.slice(0, -1);
    save(inputs);
    const value = tf.tidy(() => {
      const prod = product(inputs.slice(0, m) as tf.Tensor2D[], inputs.slice(m, 2 * m) as tf.Tensor2D[], -1);
      const n = prod.shape[0];
      return prod.reshape([n, rank, dim]).mul(inputs[2 * m].reshape([1, rank, 1])).sum(1).add(inputs[2 * m + 1]) as tf.Tensor2D;
    });
    return {
      value,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const z = saved.slice(0, m) as tf.Tensor2D[];
          const f = saved.slice(m, 2 * m) as tf.Tensor2D[];
          const w = saved[2 * m];
          const n = dy.shape[0];
          // dOut broadcast over ranks, times w_r: [N, R*d].
          const dyR = dy.reshape([n, 1, dim]).mul(w.reshape([1, rank, 1])).reshape([n, rank * dim]);
          const dz: tf.Tensor[] = [];
          const df: tf.Tensor[] = [];
          for (let i = 0; i < m; i++) {
            const dP = m === 1 ? dyR : dyR.mul(product(z, f, i));
            dz.push(tf.matMul(dP, f[i].transpose()));
            df.push(tf.matMul(z[i].transpose(), dP));
          }
          const all = product(z, f, -1).reshape([n, rank, dim]);
          const dw = all.mul(dy.reshape([n, 1, dim])).sum([0, 2]).reshape(w.shape);
          return [...dz, ...df, dw, dy.sum(0)];
        }),
    };
  });
  return op(...zs, ...fs, rankW, bias);
}

/** prod over modalities (except `skip`) of z_m F_m -> [N, R*d]. */
function product(z: tf.Tensor2D[], f: tf.Tensor2D[], skip: number): tf.Tensor2D {
  const parts: tf.Tensor[] = [];
  for (let i = 0; i < z.length; i++) if (i !== skip) parts.push(tf.matMul(z[i], f[i]));
  return parts.reduce((a, b) => a.mul(b)) as tf.Tensor2D;
}
