import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { concatFusion, defineConcatFusion } from '../../../../../src-main/model/fusion/concat';
import { defineAdaptiveWeights, modalityWeights } from '../../../../../src-main/model/fusion/adaptive-weights';
import { defineLowRankFusion, lowRankFusion } from '../../../../../src-main/model/fusion/low-rank';
import { lowRankCore } from '../../../../../src-main/model/fusion/low-rank-core';
import { ParamStore } from '../../../../../src-main/model/params';
import { Rng } from '../../../../../src-main/model/rng';

const N = 6;
const D = 4;
const R = 3;
const MODS = ['relation', 'name'];

describe('fusion', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('adaptive weights: a softmax over the available modalities only', () => {
    const params = new ParamStore(new Rng(1));
    defineAdaptiveWeights(params, MODS, D);
    const hs = MODS.map((_, i) => tf.randomNormal([N, D], 0, 1, 'float32', i) as tf.Tensor2D);
    const avail = tf.tensor2d([[1, 1], [1, 0], [0, 1], [0, 0], [1, 1], [0.5, 1]]);
    const w = modalityWeights(params, MODS, hs, avail, true).arraySync();
    expect(w[0][0] + w[0][1]).toBeCloseTo(1, 6);
    expect(w[1]).toEqual([1, 0]);
    expect(w[2]).toEqual([0, 1]);
    expect(w[3]).toEqual([0, 0]);
    const uniform = modalityWeights(params, MODS, hs, avail, false).arraySync();
    expect(uniform[0][0]).toBeCloseTo(0.5, 6);
    params.dispose();
  });

  it('low-rank fusion: [N, d] out, and the fused op has the gradients of the composed product', () => {
    const params = new ParamStore(new Rng(2));
    defineLowRankFusion(params, MODS, D, R);
    const hs = MODS.map((_, i) => tf.randomNormal([N, D], 0, 1, 'float32', 10 + i) as tf.Tensor2D);
    const weights = tf.fill([N, 2], 0.5) as tf.Tensor2D;
    expect(lowRankFusion(params, MODS, hs, weights, D, R).shape).toEqual([N, D]);
    const zs = hs.map((h) => tf.concat([h, tf.ones([N, 1])], 1) as tf.Tensor2D);
    const fs = MODS.map((m) => params.get(`lmf.${m}.F`) as tf.Tensor2D);
    const rankW = params.get('lmf.rankW');
    const bias = params.get('lmf.bias');
    const composed = (z: tf.Tensor2D[], f: tf.Tensor[], w: tf.Tensor, b: tf.Tensor): tf.Tensor => {
      const p = z.map((zi, i) => tf.matMul(zi, f[i] as tf.Tensor2D)).reduce((a, c) => a.mul(c));
      return p.reshape([N, R, D]).mul(w.reshape([1, R, 1])).sum(1).add(b);
    };
    const probe = tf.randomNormal([N, D], 0, 1, 'float32', 20);
    const fused = tf.grads((...a: tf.Tensor[]) => lowRankCore(a.slice(0, 2) as tf.Tensor2D[], a.slice(2, 4) as tf.Tensor2D[], a[4], a[5], R, D).mul(probe).sum());
    const ref = tf.grads((...a: tf.Tensor[]) => composed(a.slice(0, 2) as tf.Tensor2D[], a.slice(2, 4), a[4], a[5]).mul(probe).sum());
    const inputs = [...zs, ...fs, rankW, bias];
    const gf = fused(inputs);
    const gr = ref(inputs);
    gf.forEach((g, i) => {
      const a = g.dataSync();
      const b = gr[i].dataSync();
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-4 * (1 + Math.abs(b[k])));
    });
    params.dispose();
  });

  it('a missing modality (weight 0) does not zero the low-rank product (constant-1 append)', () => {
    const params = new ParamStore(new Rng(3));
    defineLowRankFusion(params, MODS, D, R);
    const hs = MODS.map((_, i) => tf.randomNormal([N, D], 0, 1, 'float32', 30 + i) as tf.Tensor2D);
    const out = lowRankFusion(params, MODS, hs, tf.tensor2d(Array.from({ length: N }, () => [1, 0])), D, R).arraySync();
    expect(out.flat().some((v) => Math.abs(v) > 1e-6)).toBe(true);
    params.dispose();
  });

  it('concat fusion: [N, M*d], masked rows are zero', () => {
    const params = new ParamStore(new Rng(4));
    defineConcatFusion(params, MODS);
    const hs = MODS.map((_, i) => tf.randomNormal([N, D], 0, 1, 'float32', 40 + i) as tf.Tensor2D);
    const avail = tf.tensor2d(Array.from({ length: N }, (_, i) => [1, i === 0 ? 0 : 1]));
    const out = concatFusion(params, hs, avail);
    expect(out.shape).toEqual([N, 2 * D]);
    expect(out.arraySync()[0].slice(D).map(Math.abs)).toEqual([0, 0, 0, 0]);
    expect(out.arraySync()[1].slice(D).some((v) => v !== 0)).toBe(true);
    params.dispose();
  });
});
