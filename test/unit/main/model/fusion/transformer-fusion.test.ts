import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { defineTransformerFusion, transformerFusion } from '../../../../../src-main/model/fusion/transformer-fusion';
import { ParamStore } from '../../../../../src-main/model/params';
import { Rng } from '../../../../../src-main/model/rng';

const N = 5;
const D = 6;
const HEADS = 2;
const DK = 3;

function setup(seed = 1, m = 3): { params: ParamStore; hs: tf.Tensor2D[] } {
  const params = new ParamStore(new Rng(seed));
  defineTransformerFusion(params, D, HEADS, DK);
  const hs = Array.from({ length: m }, (_, i) => tf.randomNormal([N, D], 0, 1, 'float32', seed * 10 + i) as tf.Tensor2D);
  return { params, hs };
}

describe('MEAformer-style transformer fusion', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it('shapes: [N, d] fused, [N, M] weights summing to 1, fused = weighted sum of unit modality vectors', () => {
    const { params, hs } = setup();
    const { fused, weights } = transformerFusion(params, hs, tf.ones([N, 3]), HEADS, DK);
    expect(fused.shape).toEqual([N, D]);
    expect(weights.shape).toEqual([N, 3]);
    const w = weights.arraySync();
    for (const row of w) expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    const units = hs.map((h) => h.div(h.norm('euclidean', 1, true)).arraySync() as number[][]);
    const f = fused.arraySync();
    for (let i = 0; i < N; i++) for (let k = 0; k < D; k++) expect(f[i][k]).toBeCloseTo(units.reduce((s, u, j) => s + w[i][j] * u[i][k], 0), 5);
    params.dispose();
  });

  it('weights depend on the other modalities (attention across tokens), not only on the token itself', () => {
    const { params, hs } = setup(2);
    const w1 = transformerFusion(params, hs, tf.ones([N, 3]), HEADS, DK).weights.arraySync();
    const other = tf.randomNormal([N, D], 0, 1, 'float32', 99) as tf.Tensor2D;
    const w2 = transformerFusion(params, [hs[0], hs[1], other], tf.ones([N, 3]), HEADS, DK).weights.arraySync();
    // The ratio of modality 0 to 1 changes when only modality 2 changes.
    expect(Math.abs(w1[0][0] / w1[0][1] - w2[0][0] / w2[0][1])).toBeGreaterThan(1e-4);
    params.dispose();
  });

  it('masks: a missing modality is neither weighted nor attended to (no gradient), none at all gives zeros', () => {
    const { params, hs } = setup(3);
    const mask = tf.tensor2d(Array.from({ length: N }, (_, i) => (i === 0 ? [0, 0, 0] : [1, 1, 0])));
    const { fused, weights } = transformerFusion(params, hs, mask, HEADS, DK);
    const w = weights.arraySync();
    expect(w[0]).toEqual([0, 0, 0]);
    expect(fused.arraySync()[0].every((x) => x === 0)).toBe(true);
    for (let i = 1; i < N; i++) expect(w[i][2]).toBe(0);
    const probe = tf.randomNormal([N, D], 0, 1, 'float32', 5);
    const g = tf.grad((x: tf.Tensor) => transformerFusion(params, [hs[0], hs[1], x as tf.Tensor2D], mask, HEADS, DK).fused.mul(probe).sum())(hs[2]);
    expect(g.abs().max().dataSync()[0]).toBeLessThan(1e-7);
    params.dispose();
  });

  it('a tiny fit lowers the loss (few Adam steps) and leaves no tensor behind', () => {
    const { params, hs } = setup(4);
    const target = hs[2].div(hs[2].norm('euclidean', 1, true));
    const mask = tf.ones([N, 3]) as tf.Tensor2D;
    const loss = (): tf.Scalar => tf.tidy(() => transformerFusion(params, hs, mask, HEADS, DK).fused.mul(target).sum().neg() as tf.Scalar);
    const first = loss().dataSync()[0];
    const opt = tf.train.adam(0.05);
    const before = tf.memory().numTensors;
    opt.minimize(loss, true, params.list())?.dispose();
    const afterOne = tf.memory().numTensors;
    for (let s = 0; s < 30; s++) opt.minimize(loss, true, params.list())?.dispose();
    // Adam creates its slot variables on the first step only.
    expect(tf.memory().numTensors).toBe(afterOne);
    expect(afterOne).toBeGreaterThanOrEqual(before);
    expect(loss().dataSync()[0]).toBeLessThan(first - 0.1);
    opt.dispose();
    params.dispose();
  });

  it('cpu and wasm agree', async () => {
    const run = (): Float32Array => {
      const { params, hs } = setup(6, 2);
      const out = transformerFusion(params, hs, tf.tensor2d(Array.from({ length: N }, (_, i) => [1, i % 2])), HEADS, DK).fused.dataSync() as Float32Array;
      params.dispose();
      return out;
    };
    const cpu = run();
    await selectBackend('wasm');
    run().forEach((v, i) => expect(Math.abs(v - cpu[i])).toBeLessThan(1e-4));
  });
});
