import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { normalizedHardLoss } from '../../../../../src-main/model/loss/normalized-hard';
import { pairDots, rowDots } from '../../../../../src-main/model/ops/row-dots';

/** The loss written out row by row, as a reference. */
function reference(pos: number[], neg: number[][], lambda: number): number {
  let total = 0;
  pos.forEach((p, i) => {
    const m = neg[i].map((v) => v - p);
    const mu = m.reduce((s, v) => s + v, 0) / m.length;
    const sd = Math.sqrt(m.reduce((s, v) => s + (v - mu) ** 2, 0) / m.length) + 1e-6;
    const z = m.map((v) => (lambda * (v - mu)) / sd);
    const top = Math.max(...z);
    total += top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0));
  });
  return total / pos.length;
}

describe('normalised hard-sample loss', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('equals the row-by-row formula', () => {
    const pos = [0.9, 0.2, -0.1];
    const neg = [[0.1, 0.5, 0.3, 0.95], [0.2, 0.1, 0.0, -0.3], [0.4, 0.3, 0.2, 0.1]];
    const got = normalizedHardLoss(tf.tensor1d(pos), tf.tensor2d(neg), 30).dataSync()[0];
    expect(got).toBeCloseTo(reference(pos, neg, 30), 2);
  });

  it('pushes the partner up and the hardest negative down, holding mean and spread constant', () => {
    const pos = tf.tensor1d([0.5]);
    const neg = tf.tensor2d([[0.6, 0.1, -0.2, 0.0]]);
    const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => normalizedHardLoss(p as tf.Tensor1D, n as tf.Tensor2D, 30))([pos, neg]);
    expect(gp.dataSync()[0]).toBeLessThan(0);
    const g = Array.from(gn.dataSync());
    // The hardest negative (0.6, above the partner) takes almost all of the gradient.
    expect(g[0]).toBeGreaterThan(0);
    expect(g[0]).toBeGreaterThan(100 * Math.max(...g.slice(1).map(Math.abs)));
  });
});

describe('rowDots', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('matches gather-multiply-sum forward and gradient, repeated rows included', () => {
    const u = tf.randomNormal([6, 4], 0, 1, 'float32', 3) as tf.Tensor2D;
    const a = Int32Array.of(0, 2, 2, 5);
    const b = Int32Array.of(1, 2, 4, 0);
    const w = tf.tensor1d([0.3, -1, 2, 0.5]);
    const ref = (x: tf.Tensor): tf.Tensor => tf.gather(x, Array.from(a)).mul(tf.gather(x, Array.from(b))).sum(1);
    const got = rowDots(u, a, b).dataSync();
    const want = ref(u).dataSync();
    for (let i = 0; i < 4; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    const g1 = tf.grad((x: tf.Tensor) => rowDots(x as tf.Tensor2D, a, b).mul(w).sum())(u).dataSync();
    const g2 = tf.grad((x: tf.Tensor) => ref(x).mul(w).sum())(u).dataSync();
    for (let i = 0; i < g1.length; i++) expect(g1[i]).toBeCloseTo(g2[i], 4);
  });

  it('pairs rows of two matrices with the gradient of each going to its own side', () => {
    const x = tf.randomNormal([3, 4], 0, 1, 'float32', 5) as tf.Tensor2D;
    const y = tf.randomNormal([5, 4], 0, 1, 'float32', 6) as tf.Tensor2D;
    const a = Int32Array.of(0, 2, 2);
    const b = Int32Array.of(4, 1, 1);
    const ref = (p: tf.Tensor, q: tf.Tensor): tf.Tensor => tf.gather(p, Array.from(a)).mul(tf.gather(q, Array.from(b))).sum(1);
    const got = pairDots(x, y, a, b).dataSync();
    ref(x, y).dataSync().forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
    const [gx, gy] = tf.grads((p: tf.Tensor, q: tf.Tensor) => pairDots(p as tf.Tensor2D, q as tf.Tensor2D, a, b).sum())([x, y]);
    const [rx, ry] = tf.grads((p: tf.Tensor, q: tf.Tensor) => ref(p, q).sum())([x, y]);
    gx.dataSync().forEach((v, i) => expect(v).toBeCloseTo(rx.dataSync()[i], 4));
    gy.dataSync().forEach((v, i) => expect(v).toBeCloseTo(ry.dataSync()[i], 4));
    expect(() => pairDots(x, tf.zeros([2, 3]), Int32Array.of(0), Int32Array.of(0))).toThrow(/widths/);
  });

  it('refuses pair lists of different lengths', () => {
    expect(() => rowDots(tf.zeros([2, 2]), Int32Array.of(0), Int32Array.of(0, 1))).toThrow(/rowDots/);
  });

  it('leaks no tensors through forward and backward', () => {
    const u = tf.randomNormal([5, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => rowDots(x as tf.Tensor2D, Int32Array.of(0, 1), Int32Array.of(2, 3)).sum())(u));
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
