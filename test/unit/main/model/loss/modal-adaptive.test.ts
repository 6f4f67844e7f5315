import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { adaptiveWeights, inBatchMrr, modalAdaptiveLoss, QUALITY_FLOOR, type ModalView } from '../../../../../src-main/model/loss/modal-adaptive';
import { infoNce } from '../../../../../src-main/model/loss/info-nce';

const B = 8;
const D = 6;

function unit(x: tf.Tensor2D): tf.Tensor2D {
  return x.div(x.norm('euclidean', 1, true)) as tf.Tensor2D;
}

/** A view whose rights are the lefts plus noise of the given size: small noise = a strong modality. */
function viewWithNoise(noise: number, seed: number): ModalView {
  const left = tf.randomNormal([B, D], 0, 1, 'float32', seed) as tf.Tensor2D;
  const right = left.add(tf.randomNormal([B, D], 0, noise, 'float32', seed + 1)) as tf.Tensor2D;
  return { left: unit(left), right: unit(right) };
}

describe('modal-adaptive contrastive learning', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('in-batch MRR: 1 for identical views, the exact mean reciprocal rank otherwise', () => {
    expect(inBatchMrr(viewWithNoise(0, 1))).toBeCloseTo(1, 6);
    // Rights reversed: hand-computed ranks.
    const left = tf.tensor2d([[1, 0], [0, 1], [Math.SQRT1_2, Math.SQRT1_2]]);
    const right = tf.tensor2d([[0, 1], [1, 0], [Math.SQRT1_2, Math.SQRT1_2]]);
    // Row 0: partner score 0, others 1 and 0.707 -> rank 3; row 1 likewise rank 3; row 2: partner 1 is the best -> rank 1.
    expect(inBatchMrr({ left, right })).toBeCloseTo((1 / 3 + 1 / 3 + 1) / 3, 6);
    // All-equal vectors (a modality that says nothing) rank every partner last, not first.
    const same = tf.ones([4, 2]).div(Math.SQRT2) as tf.Tensor2D;
    expect(inBatchMrr({ left: same, right: same })).toBeCloseTo(1 / 4, 6);
  });

  it('weights follow quality, sum to 1 and keep a floor for a modality that ranks nothing right', () => {
    const w = adaptiveWeights([0.9, 0.1, 0]);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(w[0]).toBeGreaterThan(w[1]);
    expect(w[1]).toBeGreaterThan(w[2]);
    expect(w[2]).toBeCloseTo(QUALITY_FLOOR / (0.9 + 0.1 + 3 * QUALITY_FLOOR), 10);
  });

  it('the loss is the quality-weighted sum of per-modality InfoNCE terms; null views are skipped', () => {
    const strong = viewWithNoise(0.05, 10);
    const weak = viewWithNoise(3, 20);
    const res = modalAdaptiveLoss([strong, null, weak], 0.1)!;
    expect(res.weights[1]).toBe(0);
    expect(res.weights[0] + res.weights[2]).toBeCloseTo(1, 6);
    expect(res.weights[0]).toBeGreaterThan(res.weights[2]);
    expect(res.quality[0]).toBeGreaterThan(res.quality[2]);
    const expected = infoNce(strong.left, strong.right, 0.1).mul(res.weights[0]).add(infoNce(weak.left, weak.right, 0.1).mul(res.weights[2]));
    expect(res.loss.dataSync()[0]).toBeCloseTo(expected.dataSync()[0], 5);
    expect(modalAdaptiveLoss([null, null], 0.1)).toBeNull();
  });

  it('a tiny fit lowers the loss and leaves no tensor behind', () => {
    const l0 = tf.variable(tf.randomNormal([B, D], 0, 1, 'float32', 30)) as tf.Variable<tf.Rank.R2>;
    const r0 = tf.variable(tf.randomNormal([B, D], 0, 1, 'float32', 31)) as tf.Variable<tf.Rank.R2>;
    const l1 = tf.variable(tf.randomNormal([B, D], 0, 1, 'float32', 32)) as tf.Variable<tf.Rank.R2>;
    const r1 = tf.variable(tf.randomNormal([B, D], 0, 1, 'float32', 33)) as tf.Variable<tf.Rank.R2>;
    const loss = (): tf.Scalar => modalAdaptiveLoss([{ left: unit(l0), right: unit(r0) }, { left: unit(l1), right: unit(r1) }], 0.1)!.loss;
    const first = tf.tidy(() => loss().dataSync()[0]);
    const opt = tf.train.adam(0.05);
    opt.minimize(loss, true, [l0, r0, l1, r1])?.dispose();
    const steady = tf.memory().numTensors;
    for (let s = 0; s < 30; s++) opt.minimize(loss, true, [l0, r0, l1, r1])?.dispose();
    expect(tf.memory().numTensors).toBe(steady);
    expect(tf.tidy(() => loss().dataSync()[0])).toBeLessThan(first * 0.5);
    opt.dispose();
    tf.dispose([l0, r0, l1, r1]);
  });
});
