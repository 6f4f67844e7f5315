import * as tf from '@tensorflow/tfjs';
import { l2Normalize, reflectAggregate, segmentSoftmax, stopGradient } from '../ops';
import type { ParamStore } from '../params';
import { edgeDot } from './edge-dot';
import type { MetaPathGraph } from './meta-paths';

/**
 * Declares a meta-path stack: relation vectors [2R, d] (messages are reflected by them, as in reflection-gat.ts),
 * per hop a query scaling attn [L, d] and a meta-path scoring vector path [L, d], and the decay logit [1] whose
 * sigmoid w in (0, 1) weighs hop l by w^l. `decay` is w's initial value.
 */
export function defineMetaPathEncoder(params: ParamStore, prefix: string, numRelations: number, dim: number, hops: number, decay: number): void {
  params.normal(`${prefix}.rel`, [numRelations, dim], 1 / Math.sqrt(dim));
  if (hops === 0) return;
  // 1/sqrt(d) per coordinate: the attention logit starts as a scaled dot product, |logit| <= sqrt(d).
  params.fill(`${prefix}.attn`, [hops, dim], 1 / Math.sqrt(dim));
  params.normal(`${prefix}.path`, [hops, dim], 1 / Math.sqrt(dim));
  params.fill(`${prefix}.decay`, [1], Math.log(decay / (1 - decay)));
}

/** The hop weights [L + 1]: w^l for l = 0..L, rescaled to mean 1 (so the output's scale matches reflectionGat's). */
export function hopWeights(params: ParamStore, prefix: string, hops: number): tf.Tensor1D {
  return tf.tidy(() => {
    const w = params.get(`${prefix}.decay`).sigmoid();
    // w^l = exp(l log w): strictly decreasing in l for any w in (0, 1), so closer hops always weigh more.
    const pw = tf.range(0, hops + 1).mul(w.log()).exp();
    return pw.mul(hops + 1).div(pw.sum()) as tf.Tensor1D;
  });
}

/**
 * CrossEA's modality meta-path structural encoder: x [N, d] -> [N, d (L + 1)], the width of reflectionGat's
 * output so it can replace the structure stack. h_0 = tanh(x). The representation of a meta-path p = (k_1 .. k_l)
 * at node i aggregates, over the edges j -> i whose sender has kind k_1 and an instance of the suffix (k_2 .. k_l),
 * the suffix's representation at j, reflected by the edge's relation (Householder, as in the GAT), with attention
 * by similarity to the target: softmax over i's edges of (a_l * h_0[i]) . rep_suffix[j]; then tanh. Hop l combines
 * its meta-paths by attention (softmax over the paths node i has, of c_l . rep_p[i]). Hop outputs are weighted by
 * the decaying w^l and concatenated [h_0 | Z_1 | ... | Z_L]: under cosine similarity that is a w^(2l)-weighted sum
 * of per-hop similarities. Everything is edge-wise (edgeDot, segment softmax, reflectAggregate): O(E d) memory per
 * meta-path, never N x N. Without image nodes there is one (text) path per hop.
 */
export function metaPathEncoder(params: ParamStore, prefix: string, x: tf.Tensor2D, graph: MetaPathGraph, hops: number, reflection: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, d] = x.shape;
    const h0 = x.tanh() as tf.Tensor2D;
    if (hops === 0) return h0;
    const unitRel = l2Normalize(params.get(`${prefix}.rel`) as tf.Tensor2D);
    const gamma = hopWeights(params, prefix, hops);
    const outputs: tf.Tensor2D[] = [h0.mul(gamma.slice([0], [1]))];
    let previous: tf.Tensor2D[] = [h0];
    for (let l = 1; l <= hops; l++) {
      const level = graph.levels[l - 1] ?? [];
      if (level.length === 0) {
        // No path this long (e.g. an edgeless graph): a zero block keeps the width.
        outputs.push(tf.zeros([n, d]));
        previous = [];
        continue;
      }
      const q = h0.mul(params.get(`${prefix}.attn`).slice([l - 1, 0], [1, d])) as tf.Tensor2D;
      const reps = level.map((p) => {
        const from = previous[p.suffix];
        const att = segmentSoftmax(edgeDot(q, from, p.index), p.dst, n);
        return reflectAggregate(from, unitRel, att, p.index, reflection).tanh() as tf.Tensor2D;
      });
      outputs.push(combinePaths(params.get(`${prefix}.path`).slice([l - 1, 0], [1, d]) as tf.Tensor2D, reps, level.map((p) => p.exists)).mul(gamma.slice([l], [1])) as tf.Tensor2D);
      previous = reps;
    }
    return tf.concat(outputs, 1) as tf.Tensor2D;
  });
}

/** Attention over a hop's meta-paths: reps K x [N, d], exists K x [N, 1] -> [N, d] (zero where a node has none). */
function combinePaths(c: tf.Tensor2D, reps: tf.Tensor2D[], exists: tf.Tensor2D[]): tf.Tensor2D {
  if (reps.length === 1) return reps[0].mul(exists[0]) as tf.Tensor2D;
  const s = tf.concat(reps.map((r) => r.mul(c).sum(1, true)), 1); // [N, K]
  const e = s.sub(stopGradient(s.max(1, true))).exp().mul(tf.concat(exists, 1));
  const w = e.div(e.sum(1, true).add(1e-12));
  const n = reps[0].shape[0];
  return tf.addN(reps.map((r, k) => r.mul(w.slice([0, k], [n, 1])))) as tf.Tensor2D;
}
