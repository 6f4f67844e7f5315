import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { applyMask, gatherRows, l2Normalize, matMul, matMulConst, matMulT, segmentSoftmax, segmentSum, sparseMatMul, stopGradient } from '../../../../../src-main/model/ops';

/** Gradient of sum(f(x) * w) for a fixed random w, by autodiff. */
function grad(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, w: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.grad((v: tf.Tensor) => f(v).mul(w).sum())(x).dataSync() as Float32Array);
}

/** The same gradient by central finite differences (float32: loose tolerance). */
function numericGrad(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, w: tf.Tensor, eps = 1e-2): Float32Array {
  const base = x.dataSync().slice();
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const at = (delta: number): number => tf.tidy(() => {
      const v = base.slice();
      v[i] += delta;
      return f(tf.tensor(v, x.shape)).mul(w).sum().dataSync()[0];
    });
    out[i] = (at(eps) - at(-eps)) / (2 * eps);
  }
  return out;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol * (1 + Math.abs(b[i])));
}

describe('custom-gradient ops (cpu)', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('gatherRows matches tf.gather forward and its gradient (scatter-add on repeated ids)', () => {
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    const ids = tf.tensor1d([4, 0, 4, 2], 'int32');
    const w = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
    close(gatherRows(x as tf.Tensor2D, ids).dataSync(), tf.gather(x, ids).dataSync(), 1e-6);
    close(grad((v) => gatherRows(v as tf.Tensor2D, ids), x, w), grad((v) => tf.gather(v, ids), x, w), 1e-5);
  });

  it('segmentSum matches tf.unsortedSegmentSum and its gradient', () => {
    const x = tf.randomNormal([6, 2], 0, 1, 'float32', 3);
    const ids = tf.tensor1d([0, 2, 2, 1, 0, 2], 'int32');
    const w = tf.randomNormal([3, 2], 0, 1, 'float32', 4);
    close(segmentSum(x as tf.Tensor2D, ids, 3).dataSync(), tf.unsortedSegmentSum(x, ids, 3).dataSync(), 1e-6);
    close(grad((v) => segmentSum(v as tf.Tensor2D, ids, 3), x, w), grad((v) => tf.unsortedSegmentSum(v, ids, 3), x, w), 1e-5);
  });

  it('matMul, matMulT and matMulConst give tf.matMul gradients', () => {
    const a = tf.randomNormal([4, 3], 0, 1, 'float32', 5);
    const b = tf.randomNormal([3, 5], 0, 1, 'float32', 6);
    const bt = b.transpose();
    const w = tf.randomNormal([4, 5], 0, 1, 'float32', 7);
    const ref = (x: tf.Tensor) => tf.matMul(x as tf.Tensor2D, b as tf.Tensor2D);
    close(grad((x) => matMul(x as tf.Tensor2D, b as tf.Tensor2D), a, w), grad(ref, a, w), 1e-5);
    close(grad((y) => matMul(a as tf.Tensor2D, y as tf.Tensor2D), b, w), grad((y) => tf.matMul(a as tf.Tensor2D, y as tf.Tensor2D), b, w), 1e-5);
    close(grad((y) => matMulT(a as tf.Tensor2D, y as tf.Tensor2D), bt, w), grad((y) => tf.matMul(a as tf.Tensor2D, y as tf.Tensor2D, false, true), bt, w), 1e-5);
    close(grad((y) => matMulConst(a as tf.Tensor2D, y as tf.Tensor2D), b, w), grad((y) => tf.matMul(a as tf.Tensor2D, y as tf.Tensor2D), b, w), 1e-5);
  });

  it('sparseMatMul equals the dense product, gradient to the weights', () => {
    const dense = [[0, 2, 0], [1, 0, 0], [0, 0, 0], [0.5, 0, 3]];
    const sp = { rows: Int32Array.from([0, 1, 3, 3]), cols: Int32Array.from([1, 0, 0, 2]), vals: Float32Array.from([2, 1, 0.5, 3]), numRows: 4, numCols: 3 };
    const a = tf.tensor2d(dense);
    const wt = tf.randomNormal([3, 2], 0, 1, 'float32', 8);
    const w = tf.randomNormal([4, 2], 0, 1, 'float32', 9);
    close(sparseMatMul(sp, wt as tf.Tensor2D).dataSync(), tf.matMul(a, wt as tf.Tensor2D).dataSync(), 1e-6);
    close(grad((v) => sparseMatMul(sp, v as tf.Tensor2D), wt, w), grad((v) => tf.matMul(a, v as tf.Tensor2D), wt, w), 1e-5);
  });

  it('l2Normalize gives unit rows, keeps zero rows finite, and has the right gradient', () => {
    const x = tf.tensor2d([[3, 4], [0, 0], [1, -2]]);
    close(l2Normalize(x).dataSync(), [0.6, 0.8, 0, 0, 1 / Math.sqrt(5), -2 / Math.sqrt(5)], 1e-6);
    const y = tf.randomNormal([3, 4], 0, 1, 'float32', 10);
    const w = tf.randomNormal([3, 4], 0, 1, 'float32', 11);
    close(grad((v) => l2Normalize(v as tf.Tensor2D), y, w), numericGrad((v) => l2Normalize(v as tf.Tensor2D), y, w), 2e-2);
    expect(Array.from(grad((v) => l2Normalize(v as tf.Tensor2D), x, tf.onesLike(x))).every(Number.isFinite)).toBe(true);
  });

  it('stopGradient passes values and blocks gradients; applyMask scales them', () => {
    const x = tf.tensor1d([1, 2, 3]);
    expect(Array.from(stopGradient(x).dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(grad((v) => stopGradient(v).mul(v), x, tf.onesLike(x)))).toEqual([1, 2, 3]);
    const mask = tf.tensor1d([1, 0, 0.5]);
    expect(Array.from(grad((v) => applyMask(v, mask), x, tf.onesLike(x)))).toEqual([1, 0, 0.5]);
  });

  it('segmentSoftmax sums to one per segment and matches finite differences', () => {
    const logits = tf.tensor1d([0.5, -1, 2, 0.1, 3, -0.5]);
    const seg = tf.tensor1d([0, 0, 1, 1, 1, 2], 'int32');
    const p = segmentSoftmax(logits, seg, 3).dataSync();
    expect(p[0] + p[1]).toBeCloseTo(1, 6);
    expect(p[2] + p[3] + p[4]).toBeCloseTo(1, 6);
    expect(p[5]).toBeCloseTo(1, 6);
    expect(p[0]).toBeCloseTo(Math.exp(0.5) / (Math.exp(0.5) + Math.exp(-1)), 6);
    const w = tf.tensor1d([0.3, -1, 2, 0.5, -0.7, 1]);
    close(grad((v) => segmentSoftmax(v as tf.Tensor1D, seg, 3), logits, w), numericGrad((v) => segmentSoftmax(v as tf.Tensor1D, seg, 3), logits, w), 2e-2);
  });

  it('segmentSoftmax stays finite when logits span a large range (global max shift)', () => {
    const p = segmentSoftmax(tf.tensor1d([40, 39, -10, -11]), tf.tensor1d([0, 0, 1, 1], 'int32'), 2).dataSync();
    expect(p[2] + p[3]).toBeCloseTo(1, 5);
    expect(p[0] + p[1]).toBeCloseTo(1, 5);
  });
});
