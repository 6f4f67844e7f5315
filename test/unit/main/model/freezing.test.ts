import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/model/backend';
import { thetaAt, updateFreezeMask } from '../../../../src-main/model/freezing';
import { Rng } from '../../../../src-main/model/rng';

describe('PMF freezing', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('theta grows x1.2 per epoch from 0.1 up to the cap (images 0.9, others 0.1)', () => {
    expect(thetaAt('image', 10, 10)).toBeCloseTo(0.1, 10);
    expect(thetaAt('image', 12, 10)).toBeCloseTo(0.144, 10);
    expect(thetaAt('image', 40, 10)).toBe(0.9);
    expect(thetaAt('relation', 30, 10)).toBeCloseTo(0.1, 10);
  });

  it('freezes the entity whose seed partner disagrees, keeps the others, and never unfreezes', () => {
    // Entities 0, 1 (KG1) pair with 2, 3 (KG2). Pair (0, 2) agrees; pair (1, 3) points in opposite directions.
    const h = tf.tensor2d([[1, 0], [0, 1], [1, 0.05], [0, -1]]);
    const present = Uint8Array.from([1, 1, 1, 1]);
    const side = Int8Array.from([1, 1, 2, 2]);
    const train = Int32Array.from([0, 2, 1, 3]);
    const mask = new Float32Array(4).fill(1);
    updateFreezeMask(h, present, side, train, mask, 0.5, 16, new Rng(1));
    expect(mask[0]).toBeCloseTo(1, 5);
    expect(mask[2]).toBeCloseTo(1, 5);
    expect(mask[1]).toBe(0);
    expect(mask[3]).toBe(0);
    // A later, friendlier embedding cannot thaw a frozen entity.
    updateFreezeMask(tf.tensor2d([[1, 0], [0, 1], [1, 0], [0, 1]]), present, side, train, mask, 0.5, 16, new Rng(1));
    expect(mask[1]).toBe(0);
  });

  it('scores unlabelled entities by their best cosine on the other side; missing ones are left alone', () => {
    const h = tf.tensor2d([[1, 0], [-1, 0.01], [1, 0], [9, 9]]);
    const present = Uint8Array.from([1, 1, 1, 0]);
    const side = Int8Array.from([1, 1, 2, 2]);
    const mask = new Float32Array(4).fill(1);
    updateFreezeMask(h, present, side, new Int32Array(0), mask, 0.1, 16, new Rng(1));
    expect(mask[0]).toBeCloseTo(1, 5);
    expect(mask[1]).toBe(0);
    expect(mask[3]).toBe(1);
  });
});
