import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../../../../src-main/shared/model-presets';
import { selectBackend } from '../../../../src-main/model/backend';
import { DEFAULT_CONFIG, resolveConfig, type ModelConfig } from '../../../../src-main/model/config';
import { MODEL_CONFIGS, presetConfig } from '../../../../src-main/model/presets';
import { train } from '../../../../src-main/model/trainer/train';
import { syntheticPair } from './synthetic';

const FAST: Partial<ModelConfig> = { dim: 8, epochs: 4, evalEvery: 2, learningRate: 0.02, warmupEpochs: 1, negatives: 4, freezeStart: 2, freezeSample: 8 };

describe('model presets', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('resolveConfig applies the preset first, then the explicit options, then the overrides', () => {
    expect(resolveConfig({ model: 'loginmea' })).toEqual(resolveConfig({}));
    const mimea = resolveConfig({ model: 'mimea' });
    expect([mimea.fusion, mimea.otLoss, mimea.modalAdaptive]).toEqual(['beta', true, true]);
    expect(resolveConfig({ model: 'crossea' }).structureEncoder).toBe('meta-path');
    expect(resolveConfig({ model: 'meaformer' }).fusion).toBe('transformer');
    const mclea = resolveConfig({ model: 'mclea' });
    expect([mclea.fusion, mclea.adaptiveWeights]).toEqual(['concat', false]);
    // An explicit option beats the bundle, an override beats both.
    expect(resolveConfig({ model: 'mclea', fusion: 'low-rank' }).fusion).toBe('low-rank');
    expect(resolveConfig({ model: 'mimea' }, { otLoss: false }).otLoss).toBe(false);
    expect(presetConfig('mimea')).not.toBe(MODEL_CONFIGS.mimea);
    expect(DEFAULT_CONFIG.fusion).toBe('low-rank');
  });

  it('refuses out-of-range variant options, naming them', () => {
    expect(() => resolveConfig({}, { hopDecay: 1 })).toThrow(/hopDecay/);
    expect(() => resolveConfig({}, { sinkhornIterations: 0 })).toThrow(/sinkhornIterations/);
    expect(() => resolveConfig({}, { sinkhornEpsilon: 0 })).toThrow(/sinkhornEpsilon/);
    expect(() => resolveConfig({}, { otWeight: -1 })).toThrow(/otWeight/);
    expect(() => resolveConfig({}, { fusionHeads: 0 })).toThrow(/fusionHeads/);
    expect(() => resolveConfig({}, { fusion: 'sum' as ModelConfig['fusion'] })).toThrow(/fusion/);
    expect(() => resolveConfig({}, { structureEncoder: 'gcn' as ModelConfig['structureEncoder'] })).toThrow(/structureEncoder/);
    expect(() => resolveConfig({ model: 'nope' as 'mimea' })).toThrow(/model=nope/);
  });

  it('crossea on a graph whose images are nodes: image meta-paths are used, training completes', async () => {
    const data = syntheticPair({ entities: 24, names: true });
    // Every fourth KG1 entity and its KG2 counterpart become image nodes (the counterpart keeps the kind).
    const n1 = data.numEntities / 2;
    const gold = new Map<number, number>();
    for (const split of [data.pairs.train, data.pairs.valid, data.pairs.test]) for (let i = 0; i < split.length; i += 2) gold.set(split[i], split[i + 1]);
    for (let e = 0; e < n1; e += 4) {
      data.isImage[e] = 1;
      data.isImage[gold.get(e)!] = 1;
    }
    const before = tf.memory().numTensors;
    const res = await train(data, { model: 'crossea' }, {}, FAST);
    expect(tf.memory().numTensors).toBe(before);
    expect(res.config.structureEncoder).toBe('meta-path');
    expect(res.log.every((e) => Number.isFinite(e.loss))).toBe(true);
    expect(res.embeddings.every(Number.isFinite)).toBe(true);
  });

  for (const id of MODEL_IDS) {
    it(`${id}: train() completes on synthetic data with finite metrics and frees every tensor`, async () => {
      const data = syntheticPair({ entities: 24, names: true });
      const before = tf.memory().numTensors;
      const res = await train(data, { model: id }, {}, FAST);
      expect(tf.memory().numTensors).toBe(before);
      expect(res.status).toBe('done');
      expect(res.log).toHaveLength(4);
      for (const e of res.log) expect(Number.isFinite(e.loss)).toBe(true);
      expect(Number.isFinite(res.valid!.hits1) && Number.isFinite(res.valid!.mrr)).toBe(true);
      expect(res.embeddings.every(Number.isFinite)).toBe(true);
      expect(res.embeddings.length).toBe(data.numEntities * res.dim);
      if (id === 'mimea') {
        const u = res.modalityUncertainty!;
        expect(u.modalities).toEqual(['relation', 'name']);
        expect(u.values.length).toBe(data.numEntities * 2);
        for (let e = 0; e < data.numEntities; e++) {
          const hasRelation = data.features.relation!.present[e] === 1;
          expect(Number.isNaN(u.values[e * 2])).toBe(!hasRelation);
          if (hasRelation) expect(u.values[e * 2]).toBeGreaterThan(0);
          expect(u.values[e * 2 + 1]).toBeLessThanOrEqual(0.5);
        }
      } else {
        expect(res.modalityUncertainty).toBeUndefined();
      }
    });
  }
});
