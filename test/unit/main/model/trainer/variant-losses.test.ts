import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { resolveConfig, type ModelConfig } from '../../../../../src-main/model/config';
import { AlignmentModel } from '../../../../../src-main/model/network';
import { AdamW } from '../../../../../src-main/model/optimizer';
import { Rng } from '../../../../../src-main/model/rng';
import { availableMatrix, batchLoss, trainStep } from '../../../../../src-main/model/trainer/step';
import { addVariantLosses } from '../../../../../src-main/model/trainer/variant-losses';
import type { TrainingData } from '../../../../../src-main/model/training-data';
import { seedBatch, syntheticPair } from '../synthetic';

const SMALL: Partial<ModelConfig> = { dim: 8, dropout: 0, negatives: 4 };

/** The variant terms alone: the batch loss with them minus the same loss without them. */
function variantPart(config: ModelConfig, data: TrainingData): number {
  const model = new AlignmentModel(data, config, new Rng(1));
  const batch = seedBatch(data, model.present, 3);
  const value = tf.tidy(() => {
    const mask = availableMatrix(batch.available, data.numEntities);
    const out = model.forward(mask);
    const zero = tf.scalar(0);
    return addVariantLosses(zero, model, config, batch, out).dataSync()[0];
  });
  model.dispose();
  return value;
}

describe('variant losses', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it('the default model gets no extra term (the same tensor comes back)', () => {
    const data = syntheticPair({ names: true });
    const config = resolveConfig({}, SMALL);
    const model = new AlignmentModel(data, config, new Rng(1));
    tf.tidy(() => {
      const loss = tf.scalar(1.5);
      expect(addVariantLosses(loss, model, config, seedBatch(data, model.present, 3), model.forward(null))).toBe(loss);
    });
    model.dispose();
  });

  it('OT and modal-adaptive terms are positive, scale with their weights, and add up', () => {
    const data = syntheticPair({ names: true });
    const ot = variantPart(resolveConfig({ model: 'mimea' }, { ...SMALL, modalAdaptive: false }), data);
    const ot2 = variantPart(resolveConfig({ model: 'mimea' }, { ...SMALL, modalAdaptive: false, otWeight: 0.2 }), data);
    const ma = variantPart(resolveConfig({ model: 'mimea' }, { ...SMALL, otLoss: false }), data);
    const both = variantPart(resolveConfig({ model: 'mimea' }, SMALL), data);
    expect(ot).toBeGreaterThan(0);
    expect(ma).toBeGreaterThan(0);
    expect(ot2).toBeCloseTo(2 * ot, 5);
    expect(both).toBeCloseTo(ot + ma, 4);
  });

  for (const id of ['mimea', 'crossea', 'meaformer'] as const) {
    it(`${id}: a training step leaves no tensor behind and steps lower the loss`, () => {
      const data = syntheticPair({ entities: 24, names: true });
      const config = resolveConfig({ model: id }, SMALL);
      const model = new AlignmentModel(data, config, new Rng(1));
      const opt = new AdamW(model.params.list(), 0);
      const batch = seedBatch(data, model.present, 3);
      const first = trainStep(model, opt, config, { ...batch, learningRate: 0.02 });
      const before = tf.memory().numTensors;
      let last = first;
      for (let s = 0; s < 8; s++) last = trainStep(model, opt, config, { ...batch, learningRate: 0.02 });
      expect(tf.memory().numTensors).toBe(before);
      expect(last).toBeLessThan(first);
      opt.dispose();
      model.dispose();
    });
  }

  it('mimea, crossea, meaformer: one step gives the same loss and gradients on cpu and wasm (seeded Beta samples included)', async () => {
    const stepOn = (id: 'mimea' | 'crossea' | 'meaformer'): Float32Array[] => {
      const data = syntheticPair({ entities: 16, names: true });
      const config = resolveConfig({ model: id }, SMALL);
      const model = new AlignmentModel(data, config, new Rng(2));
      const { value, grads } = tf.variableGrads(() => batchLoss(model, config, seedBatch(data, model.present, 3)), model.params.list());
      const out = [value.dataSync() as Float32Array, ...model.params.list().filter((v) => grads[v.name]).map((v) => grads[v.name].dataSync() as Float32Array)];
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
      return out;
    };
    const ids = ['mimea', 'crossea', 'meaformer'] as const;
    const cpu = ids.map(stepOn);
    await selectBackend('wasm');
    ids.forEach((id, k) => {
      const wasm = stepOn(id);
      expect(wasm.length).toBe(cpu[k].length);
      wasm.forEach((g, j) => g.forEach((v, i) => expect(Math.abs(v - cpu[k][j][i])).toBeLessThan(1e-3 * (1 + Math.abs(cpu[k][j][i])))));
    });
  });
});
