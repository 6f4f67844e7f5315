import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/custom-grad';
import type { EdgeIndex } from '../ops/reflect-aggregate';

/**
 * A whole relation-reflection GAT stack as one op with a host-side forward and backward:
 * x0 [N, d], rel [2R, d] (raw; unit-normalised inside), attn [L, d] -> [N, d (L + 1)] = [h_0 | ... | h_L], with
 * h_0 = tanh(x0), h_{l+1} = tanh(sum over edges j -> i of att_e H_e h_j), H_e = I - 2 r_e r_e^T (identity without
 * reflection), att = softmax over i's incoming edges of a_l . r_e.
 *
 * Why: composed from TF.js ops each layer is ~25 full passes over [E, d] arrays, and on wasm every tensor the
 * backward needs is copied when saved (clone = copy there): DBP15K at d = 128 went past the 2 GB the wasm heap
 * can address. Here the layer activations live in host arrays held by the op's closure until the backward, and
 * only the three inputs are saved as tensors. gat-kernel.test.ts checks it against the composed version.
 *
 * Softmax shift: the logits depend on the relation only, so the shift is the max over relations (one global
 * constant per layer); segments only differ by that shared constant, which softmax ignores.
 */
export function gatStack(x0: tf.Tensor2D, rel: tf.Tensor2D, attn: tf.Tensor2D, edges: EdgeIndex, reflect: boolean): tf.Tensor2D {
  const op = customGrad((x: tf.Tensor2D, r: tf.Tensor2D, a: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([x, r, a]);
    const d = x.shape[1];
    const layers = a.shape[0];
    const n = edges.numNodes;
    const fw = forwardPass(x.dataSync() as Float32Array, r.dataSync() as Float32Array, a.dataSync() as Float32Array, edges, d, layers, reflect);
    return {
      value: tf.tensor2d(concatLayers(fw.h, n, d), [n, d * (layers + 1)]),
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, rs, as] = saved;
        // The layer activations stay on the host (the closure), not as device tensors, so the backward reuses them.
        const g = backwardPass(dy.dataSync() as Float32Array, fw, as.dataSync() as Float32Array, edges, d, layers, reflect);
        return [tf.tensor2d(g.dx, xs.shape as [number, number]), tf.tensor2d(g.dr, rs.shape as [number, number]), tf.tensor2d(g.da, as.shape as [number, number])];
      },
    };
  });
  return op(x0, rel, attn);
}

interface Forward {
  /** h[l]: [N x d] per layer, l = 0..L. */
  h: Float32Array[];
  /** att[l]: [E] per aggregation layer. */
  att: Float32Array[];
  /** Unit relation vectors [2R x d] and the raw norms [2R]. */
  unit: Float32Array;
  norms: Float32Array;
}

function forwardPass(x: Float32Array, r: Float32Array, a: Float32Array, edges: EdgeIndex, d: number, layers: number, reflect: boolean): Forward {
  const n = edges.numNodes;
  const numRel = r.length / d;
  const unit = new Float32Array(r.length);
  const norms = new Float32Array(numRel);
  for (let q = 0; q < numRel; q++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += r[q * d + k] ** 2;
    const nrm = Math.sqrt(s + 1e-12);
    norms[q] = nrm;
    for (let k = 0; k < d; k++) unit[q * d + k] = r[q * d + k] / nrm;
  }
  // A plain loop: Float32Array.from(x, Math.tanh) takes V8's generic iterator path, ~9x slower on [N x d].
  const h0 = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) h0[i] = Math.tanh(x[i]);
  const h: Float32Array[] = [h0];
  const att: Float32Array[] = [];
  const { src, dst, rel } = edges;
  for (let l = 0; l < layers; l++) {
    const w = edgeSoftmax(unit, a.subarray(l * d, (l + 1) * d), edges, d, numRel, n);
    att.push(w);
    const prev = h[l];
    const out = new Float32Array(n * d);
    for (let e = 0; e < src.length; e++) {
      const hj = src[e] * d;
      const oi = dst[e] * d;
      const we = w[e];
      if (reflect) {
        const rr = rel[e] * d;
        let dot = 0;
        for (let k = 0; k < d; k++) dot += prev[hj + k] * unit[rr + k];
        const c = 2 * dot;
        for (let k = 0; k < d; k++) out[oi + k] += we * (prev[hj + k] - c * unit[rr + k]);
      } else {
        for (let k = 0; k < d; k++) out[oi + k] += we * prev[hj + k];
      }
    }
    for (let i = 0; i < out.length; i++) out[i] = Math.tanh(out[i]);
    h.push(out);
  }
  return { h, att, unit, norms };
}

/** att_e = exp(a . r_e - max) / sum over dst(e)'s incoming edges. */
function edgeSoftmax(unit: Float32Array, a: Float32Array, edges: EdgeIndex, d: number, numRel: number, n: number): Float32Array {
  const logit = new Float32Array(numRel);
  let max = -Infinity;
  for (let q = 0; q < numRel; q++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += unit[q * d + k] * a[k];
    logit[q] = s;
    if (s > max) max = s;
  }
  const ex = new Float32Array(numRel);
  for (let q = 0; q < numRel; q++) ex[q] = Math.exp(logit[q] - max);
  const z = new Float32Array(n);
  const { dst, rel } = edges;
  for (let e = 0; e < dst.length; e++) z[dst[e]] += ex[rel[e]];
  const w = new Float32Array(dst.length);
  for (let e = 0; e < dst.length; e++) w[e] = ex[rel[e]] / Math.max(z[dst[e]], 1e-30);
  return w;
}

function backwardPass(dy: Float32Array, f: Forward, a: Float32Array, edges: EdgeIndex, d: number, layers: number, reflect: boolean) {
  const n = edges.numNodes;
  const width = d * (layers + 1);
  const numRel = f.unit.length / d;
  const dUnit = new Float32Array(f.unit.length);
  const da = new Float32Array(a.length);
  const { src, dst, rel } = edges;
  // g: gradient w.r.t. h_l, starting from the top layer's slice of dy.
  let g = sliceLayer(dy, n, d, width, layers);
  for (let l = layers - 1; l >= 0; l--) {
    const hOut = f.h[l + 1];
    const hIn = f.h[l];
    const w = f.att[l];
    const dAgg = new Float32Array(n * d);
    for (let i = 0; i < dAgg.length; i++) dAgg[i] = g[i] * (1 - hOut[i] * hOut[i]);
    const gPrev = sliceLayer(dy, n, d, width, l);
    const dAtt = new Float32Array(src.length);
    for (let e = 0; e < src.length; e++) {
      const hj = src[e] * d;
      const gi = dst[e] * d;
      const we = w[e];
      if (!reflect) {
        let s = 0;
        for (let k = 0; k < d; k++) {
          s += dAgg[gi + k] * hIn[hj + k];
          gPrev[hj + k] += we * dAgg[gi + k];
        }
        dAtt[e] = s;
        continue;
      }
      const rr = rel[e] * d;
      let hr = 0;
      let gr = 0;
      let gh = 0;
      for (let k = 0; k < d; k++) {
        const rk = f.unit[rr + k];
        hr += hIn[hj + k] * rk;
        gr += dAgg[gi + k] * rk;
        gh += dAgg[gi + k] * hIn[hj + k];
      }
      dAtt[e] = gh - 2 * hr * gr;
      const c = 2 * gr;
      const m = -2 * we;
      for (let k = 0; k < d; k++) {
        const gk = dAgg[gi + k];
        const rk = f.unit[rr + k];
        gPrev[hj + k] += we * (gk - c * rk);
        dUnit[rr + k] += m * (gr * hIn[hj + k] + hr * gk);
      }
    }
    // Softmax backward per segment: dlogit_e = att_e (dAtt_e - sum over the segment of att dAtt).
    const segDot = new Float32Array(n);
    for (let e = 0; e < dst.length; e++) segDot[dst[e]] += w[e] * dAtt[e];
    const dLogitRel = new Float32Array(numRel);
    for (let e = 0; e < dst.length; e++) dLogitRel[rel[e]] += w[e] * (dAtt[e] - segDot[dst[e]]);
    const al = a.subarray(l * d, (l + 1) * d);
    for (let q = 0; q < numRel; q++) {
      const s = dLogitRel[q];
      if (s === 0) continue;
      for (let k = 0; k < d; k++) {
        da[l * d + k] += s * f.unit[q * d + k];
        dUnit[q * d + k] += s * al[k];
      }
    }
    g = gPrev;
  }
  const h0 = f.h[0];
  const dx = new Float32Array(n * d);
  for (let i = 0; i < dx.length; i++) dx[i] = g[i] * (1 - h0[i] * h0[i]);
  // Through the normalisation u = r / |r|: dr = (du - u (u . du)) / |r|.
  const dr = new Float32Array(f.unit.length);
  for (let q = 0; q < numRel; q++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += f.unit[q * d + k] * dUnit[q * d + k];
    for (let k = 0; k < d; k++) dr[q * d + k] = (dUnit[q * d + k] - f.unit[q * d + k] * s) / f.norms[q];
  }
  return { dx, dr, da };
}

function concatLayers(h: Float32Array[], n: number, d: number): Float32Array {
  const width = d * h.length;
  const out = new Float32Array(n * width);
  for (let l = 0; l < h.length; l++) {
    const hl = h[l];
    for (let i = 0; i < n; i++) out.set(hl.subarray(i * d, (i + 1) * d), i * width + l * d);
  }
  return out;
}

function sliceLayer(dy: Float32Array, n: number, d: number, width: number, l: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) out.set(dy.subarray(i * width + l * d, i * width + (l + 1) * d), i * d);
  return out;
}
