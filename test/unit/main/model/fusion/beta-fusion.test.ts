import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { betaFusion, betaParameters, defineBetaFusion } from '../../../../../src-main/model/fusion/beta-fusion';
import { ParamStore } from '../../../../../src-main/model/params';
import { Rng } from '../../../../../src-main/model/rng';

const N = 6;
const D = 5;
const MODS = ['relation', 'attribute', 'image'];

function setup(seed = 1): { params: ParamStore; hs: tf.Tensor2D[] } {
  const params = new ParamStore(new Rng(seed));
  defineBetaFusion(params, MODS, D);
  const hs = MODS.map((_, i) => tf.randomNormal([N, D], 0, 1, 'float32', seed * 10 + i) as tf.Tensor2D);
  return { params, hs };
}

const FULL = (): tf.Tensor2D => tf.ones([N, MODS.length]);

describe('MIMEA Beta fusion', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it('shapes; inference weights are the renormalised Beta means; uncertainty is the Beta std', () => {
    const { params, hs } = setup();
    const out = betaFusion(params, MODS, hs, FULL(), null);
    expect(out.fused.shape).toEqual([N, D]);
    expect(out.weights.shape).toEqual([N, 3]);
    expect(out.uncertainty.shape).toEqual([N, 3]);
    const { a, b } = betaParameters(params, MODS, hs);
    const av = a.arraySync();
    const bv = b.arraySync();
    const w = out.weights.arraySync();
    const u = out.uncertainty.arraySync();
    for (let i = 0; i < N; i++) {
      const means = av[i].map((x, j) => x / (x + bv[i][j]));
      const total = means.reduce((s, x) => s + x, 0);
      for (let j = 0; j < 3; j++) {
        expect(w[i][j]).toBeCloseTo(means[j] / total, 5);
        const s = av[i][j] + bv[i][j];
        expect(u[i][j]).toBeCloseTo(Math.sqrt((av[i][j] * bv[i][j]) / (s * s * (s + 1))), 5);
        expect(u[i][j]).toBeGreaterThan(0);
        expect(u[i][j]).toBeLessThanOrEqual(0.5);
      }
    }
    // The initial heads sit near Beta(1, 1): std of the uniform distribution, 1 / sqrt(12).
    expect(Math.abs(u[0][0] - 1 / Math.sqrt(12))).toBeLessThan(0.15);
    params.dispose();
  });

  it('masks: a missing modality gets weight 0 and no gradient; an entity with none fuses to zero', () => {
    const { params, hs } = setup(2);
    const mask = tf.tensor2d(Array.from({ length: N }, (_, i) => (i === 0 ? [0, 0, 0] : i === 1 ? [1, 0, 0] : [1, 1, 0.5])));
    for (const seed of [null, 7]) {
      const out = betaFusion(params, MODS, hs, mask, seed);
      const w = out.weights.arraySync();
      expect(w[0]).toEqual([0, 0, 0]);
      expect(out.fused.arraySync()[0].every((x) => x === 0)).toBe(true);
      expect(w[1][0]).toBeCloseTo(1, 6);
      expect(w[1][1]).toBe(0);
      for (let i = 2; i < N; i++) expect(w[i].reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    }
    const probe = tf.randomNormal([N, D], 0, 1, 'float32', 3);
    const g = tf.grad((img: tf.Tensor) => betaFusion(params, MODS, [hs[0], hs[1], img as tf.Tensor2D], tf.tensor2d(Array.from({ length: N }, () => [1, 1, 0])), 5).fused.mul(probe).sum())(hs[2]);
    expect(g.abs().max().dataSync()[0]).toBe(0);
    params.dispose();
  });

  it('training samples are seeded, lie in (0, 1) before renormalising, and carry gradients to the Beta heads', () => {
    const { params, hs } = setup(3);
    const a = betaFusion(params, MODS, hs, FULL(), 11).weights.dataSync();
    const b = betaFusion(params, MODS, hs, FULL(), 11).weights.dataSync();
    const c = betaFusion(params, MODS, hs, FULL(), 12).weights.dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const head = params.get('beta.image.W');
    const probe = tf.randomNormal([N, D], 0, 1, 'float32', 4);
    const { grads } = tf.variableGrads(() => betaFusion(params, MODS, hs, FULL(), 13).fused.mul(probe).sum() as tf.Scalar, [head]);
    expect(grads[head.name].abs().max().dataSync()[0]).toBeGreaterThan(0);
    params.dispose();
  });

  it('a tiny fit lowers the loss: the heads learn to favour the modality that matches the target', () => {
    const { params, hs } = setup(4);
    const target = hs[1].div(hs[1].norm('euclidean', 1, true)) as tf.Tensor2D;
    const loss = (seed: number | null): tf.Scalar => tf.tidy(() => betaFusion(params, MODS, hs, FULL(), seed).fused.mul(target).sum().neg() as tf.Scalar);
    const first = loss(null).dataSync()[0];
    const opt = tf.train.adam(0.05);
    for (let s = 0; s < 40; s++) opt.minimize(() => loss(100 + s), true, params.list())?.dispose();
    const last = loss(null).dataSync()[0];
    expect(last).toBeLessThan(first - 0.1);
    const w = betaFusion(params, MODS, hs, FULL(), null).weights.arraySync();
    for (const row of w) expect(row[1]).toBeGreaterThan(1 / 3);
    opt.dispose();
    params.dispose();
  });

  it('leaves no tensor behind, forward or backward', () => {
    const { params, hs } = setup(5);
    const mask = FULL();
    const before = tf.memory().numTensors;
    const out = betaFusion(params, MODS, hs, mask, null);
    tf.dispose([out.fused, out.weights, out.uncertainty]);
    tf.tidy(() => {
      tf.variableGrads(() => betaFusion(params, MODS, hs, mask, 9).fused.sum() as tf.Scalar, params.list());
    });
    expect(tf.memory().numTensors).toBe(before);
    params.dispose();
  });

  it('cpu and wasm agree (inference and a seeded sample)', async () => {
    const run = (): Float32Array[] => {
      const { params, hs } = setup(6);
      const out = [null, 21].map((s) => betaFusion(params, MODS, hs, FULL(), s).fused.dataSync() as Float32Array);
      params.dispose();
      return out;
    };
    const cpu = run();
    await selectBackend('wasm');
    const wasm = run();
    for (let k = 0; k < cpu.length; k++) cpu[k].forEach((v, i) => expect(Math.abs(v - wasm[k][i])).toBeLessThan(1e-4));
  });
});
