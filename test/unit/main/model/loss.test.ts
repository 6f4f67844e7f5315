import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/model/backend';
import { infoNce } from '../../../../src-main/model/loss/info-nce';
import { associationLoss } from '../../../../src-main/model/loss/association';
import { l2Normalize } from '../../../../src-main/model/ops';

/** Plain cross-entropy over explicit candidate lists, as a reference. */
function reference(l: number[][], r: number[][], nr: number[][], nl: number[][], t: number): number {
  const dot = (a: number[], b: number[]): number => a.reduce((s, x, k) => s + x * b[k], 0);
  const ce = (q: number[], cands: number[][], gold: number): number => {
    const z = cands.map((c) => dot(q, c) / t);
    const m = Math.max(...z);
    return Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) + m - z[gold];
  };
  let lr = 0;
  let rl = 0;
  l.forEach((q, i) => (lr += ce(q, [...r, ...nr], i)));
  r.forEach((q, i) => (rl += ce(q, [...l, ...nl], i)));
  return (lr / l.length + rl / r.length) / 2;
}

describe('losses', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('InfoNCE equals the explicit two-way cross-entropy with extra negatives', () => {
    const unit = (seed: number, rows: number) => l2Normalize(tf.randomNormal([rows, 5], 0, 1, 'float32', seed) as tf.Tensor2D);
    const [l, r, nr, nl] = [unit(1, 4), unit(2, 4), unit(3, 3), unit(4, 2)];
    const got = infoNce(l, r, 0.1, nr, nl).dataSync()[0];
    const want = reference(l.arraySync(), r.arraySync(), nr.arraySync(), nl.arraySync(), 0.1);
    expect(got).toBeCloseTo(want, 3);
    const plain = infoNce(l, r, 0.5).dataSync()[0];
    expect(plain).toBeCloseTo(reference(l.arraySync(), r.arraySync(), [], [], 0.5), 4);
  });

  it('InfoNCE is lower when partners are closer', () => {
    const l = l2Normalize(tf.tensor2d([[1, 0], [0, 1]]));
    const good = infoNce(l, l2Normalize(tf.tensor2d([[1, 0.1], [0.1, 1]])), 0.1).dataSync()[0];
    const bad = infoNce(l, l2Normalize(tf.tensor2d([[0.1, 1], [1, 0.1]])), 0.1).dataSync()[0];
    expect(good).toBeLessThan(bad);
  });

  it('association loss skips view pairs without usable entities', () => {
    const views = [tf.randomNormal([5, 3], 0, 1, 'float32', 7), tf.randomNormal([5, 3], 0, 1, 'float32', 8)] as tf.Tensor2D[];
    expect(associationLoss(views, new Map([['0,1', Int32Array.of(1)]]), 0.1)).toBeNull();
    const loss = associationLoss(views, new Map([['0,1', Int32Array.of(0, 2, 4)]]), 0.1);
    expect(Number.isFinite(loss!.dataSync()[0])).toBe(true);
  });
});

describe('crossEntropy op', () => {
  it('has the gradients of the composed logSumExp form', async () => {
    const { crossEntropy } = await import('../../../../src-main/model/loss/info-nce');
    await selectBackend('cpu');
    const x = tf.randomNormal([4, 6], 0, 2, 'float32', 21);
    const p = tf.randomNormal([4], 0, 1, 'float32', 22);
    const fused = tf.grads((a: tf.Tensor, b: tf.Tensor) => crossEntropy(a as tf.Tensor2D, b as tf.Tensor1D).mul(3));
    const ref = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.logSumExp(a, 1).sub(b).mean().mul(3));
    const [fa, fb] = fused([x, p]);
    const [ra, rb] = ref([x, p]);
    expect(crossEntropy(x as tf.Tensor2D, p as tf.Tensor1D).dataSync()[0]).toBeCloseTo(tf.logSumExp(x, 1).sub(p).mean().dataSync()[0], 5);
    Array.from(fa.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ra.dataSync()[i], 5));
    Array.from(fb.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(rb.dataSync()[i], 5));
  });
});
