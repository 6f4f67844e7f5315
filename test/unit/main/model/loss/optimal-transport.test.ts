import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { defineOptimalTransport, optimalTransportLoss, sinkhornPlan } from '../../../../../src-main/model/loss/optimal-transport';
import { ParamStore } from '../../../../../src-main/model/params';
import { Rng } from '../../../../../src-main/model/rng';

const B = 4;
const M = 3;
const D = 5;
const J = 7;

function setup(seed = 1): { params: ParamStore; uni: tf.Tensor2D[]; joint: tf.Tensor2D } {
  const params = new ParamStore(new Rng(seed));
  defineOptimalTransport(params, M, J, D);
  const uni = Array.from({ length: M }, (_, i) => tf.randomNormal([B, D], 0, 1, 'float32', seed * 10 + i) as tf.Tensor2D);
  const joint = tf.randomNormal([B, J], 0, 1, 'float32', seed * 10 + 9) as tf.Tensor2D;
  return { params, uni, joint };
}

describe('optimal-transport modal alignment', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it('Sinkhorn plans have the requested marginals, also with empty entries', () => {
    const cost = tf.randomUniform([B, M, M], 0, 2, 'float32', 3) as tf.Tensor3D;
    const a = tf.tensor2d([[1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0], [0.2, 0.3, 0.5], [1, 0, 0]]);
    const b = tf.tensor2d([[1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0], [0.6, 0.2, 0.2], [1, 0, 0]]);
    // A moderate epsilon converges in few iterations (a small one on near-tied costs takes thousands).
    const plan = sinkhornPlan(cost, a, b, 0.5, 100);
    expect(plan.shape).toEqual([B, M, M]);
    const rows = plan.sum(2).arraySync() as number[][];
    const cols = plan.sum(1).arraySync() as number[][];
    const av = a.arraySync();
    const bv = b.arraySync();
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < M; j++) {
        expect(rows[i][j]).toBeCloseTo(av[i][j], 4);
        expect(cols[i][j]).toBeCloseTo(bv[i][j], 5);
      }
    }
    expect(plan.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
  });

  it('a small epsilon concentrates the plan on the cheapest matching (a permutation here)', () => {
    // Entity 0: modality i is cheapest to move to projection (i + 1) mod 3.
    const c = [[1, 0, 1], [1, 1, 0], [0, 1, 1]];
    const cost = tf.tensor3d([c]);
    const u = tf.fill([1, 3], 1 / 3) as tf.Tensor2D;
    const plan = sinkhornPlan(cost, u, u, 0.01, 100).arraySync()[0];
    for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) expect(plan[i][k]).toBeCloseTo(c[i][k] === 0 ? 1 / 3 : 0, 3);
  });

  it('the loss is <plan, cost> per entity averaged; masked modalities and empty entities are left out', () => {
    const { params, uni, joint } = setup(2);
    const full = optimalTransportLoss(params, uni, joint, tf.ones([B, M]), 20, 0.1).dataSync()[0];
    expect(full).toBeGreaterThanOrEqual(0);
    expect(full).toBeLessThanOrEqual(2);
    // Entity 0 has nothing; the rest only modality 0: the plan is one cell, the loss its cosine distance.
    const mask = tf.tensor2d(Array.from({ length: B }, (_, i) => (i === 0 ? [0, 0, 0] : [1, 0, 0])));
    const one = optimalTransportLoss(params, uni, joint, mask, 20, 0.1).dataSync()[0];
    const proj = tf.matMul(joint, params.get('ot.proj')).slice([0, 0], [B, D]);
    const cos = uni[0].mul(proj).sum(1).div(uni[0].norm('euclidean', 1).mul(proj.norm('euclidean', 1))).arraySync() as number[];
    const expected = (cos.slice(1).reduce((s, x) => s + (1 - x), 0)) / (B - 1);
    expect(one).toBeCloseTo(expected, 4);
    // A missing modality gets no gradient.
    const g = tf.grad((x: tf.Tensor) => optimalTransportLoss(params, [uni[0], x as tf.Tensor2D, uni[2]], joint, mask, 20, 0.1))(uni[1]);
    expect(g.abs().max().dataSync()[0]).toBe(0);
    params.dispose();
  });

  it('a tiny fit lowers the loss and leaves no tensor behind', () => {
    const { params, uni, joint } = setup(3);
    const vars = uni.map((u) => tf.variable(u));
    const mask = tf.ones([B, M]) as tf.Tensor2D;
    const loss = (): tf.Scalar => optimalTransportLoss(params, vars, joint, mask, 10, 0.1);
    const first = tf.tidy(() => loss().dataSync()[0]);
    const opt = tf.train.adam(0.05);
    opt.minimize(loss, true, [...params.list(), ...vars])?.dispose();
    const steady = tf.memory().numTensors;
    for (let s = 0; s < 30; s++) opt.minimize(loss, true, [...params.list(), ...vars])?.dispose();
    expect(tf.memory().numTensors).toBe(steady);
    expect(tf.tidy(() => loss().dataSync()[0])).toBeLessThan(first * 0.7);
    opt.dispose();
    tf.dispose(vars);
    params.dispose();
  });

  it('cpu and wasm agree', async () => {
    const run = (): number => {
      const { params, uni, joint } = setup(4);
      const v = optimalTransportLoss(params, uni, joint, tf.tensor2d(Array.from({ length: B }, (_, i) => [1, 1, i % 2])), 10, 0.1).dataSync()[0];
      params.dispose();
      return v;
    };
    const cpu = run();
    await selectBackend('wasm');
    expect(run()).toBeCloseTo(cpu, 4);
  });
});
