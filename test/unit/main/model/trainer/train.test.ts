import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { resolveConfig, type ModelConfig } from '../../../../../src-main/model/config';
import { evaluatePairs } from '../../../../../src-main/model/evaluate';
import { AlignmentModel } from '../../../../../src-main/model/network';
import { AdamW } from '../../../../../src-main/model/optimizer';
import { Rng } from '../../../../../src-main/model/rng';
import { trainStep } from '../../../../../src-main/model/trainer/step';
import { train } from '../../../../../src-main/model/trainer/train';
import { seedBatch, syntheticPair } from '../synthetic';

// The propagation prior is off here so the learned model is what these tests measure; it has its own test below.
const FAST: Partial<ModelConfig> = { structurePrior: false, dim: 16, epochs: 30, evalEvery: 5, learningRate: 0.02, warmupEpochs: 2, negatives: 8, freezeStart: 5, freezeSample: 16 };

describe('trainer (cpu)', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('a training step leaves no tensor behind', () => {
    const data = syntheticPair({ names: true });
    const config = resolveConfig({}, FAST);
    const model = new AlignmentModel(data, config, new Rng(1));
    const opt = new AdamW(model.params.list(), config.weightDecay);
    const batch = seedBatch(data, model.present, 5);
    trainStep(model, opt, config, batch);
    const before = tf.memory().numTensors;
    const loss = trainStep(model, opt, config, batch);
    expect(Number.isFinite(loss)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    model.dispose();
  });

  it('learns an alignment of two isomorphic graphs, frees every tensor, and reports per-modality output', async () => {
    const data = syntheticPair({ entities: 40 });
    const before = tf.memory().numTensors;
    const res = await train(data, {}, {}, { ...FAST, epochs: 60 });
    expect(tf.memory().numTensors).toBe(before);
    expect(res.status).toBe('done');
    expect(res.embeddings.length).toBe(data.numEntities * res.dim);
    expect(res.log).toHaveLength(60);
    expect(res.modalities.structure?.data.length).toBe(data.numEntities * res.modalities.structure!.dim);
    expect(res.modalities.relation?.dim).toBe(16);
    expect(res.frozen.relation?.length).toBe(data.numEntities);
    const m = evaluatePairs(res.embeddings, res.dim, data.pairs.test);
    // 16 test pairs: chance is 1/16; measured 0.44 for this seed.
    expect(m.hits1).toBeGreaterThan(0.3);
  });

  it('trains with the hard-sample loss over mined negatives, frees every tensor, and beats chance', async () => {
    const data = syntheticPair({ entities: 40 });
    const before = tf.memory().numTensors;
    const res = await train(data, {}, {}, { ...FAST, epochs: 60, alignLoss: 'hard-sample', minedNegatives: 4, randomNegatives: 4, mineEvery: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(res.log.every((e) => Number.isFinite(e.loss))).toBe(true);
    const m = evaluatePairs(res.embeddings, res.dim, data.pairs.test);
    // 16 test pairs: chance is 1/16.
    expect(m.hits1).toBeGreaterThan(0.2);
  });

  it('blends the name features in when names are used, with the weight picked on validation', async () => {
    const data = syntheticPair({ entities: 40, names: true });
    const res = await train(data, {}, {}, { ...FAST, epochs: 10 });
    expect(res.nameWeight).not.toBeNull();
    const modelDim = 2 * 16 * 3;
    expect(res.dim).toBe(res.nameWeight! > 0 ? modelDim + data.features.name!.cols : modelDim);
    const off = await train(data, {}, {}, { ...FAST, epochs: 10, namePrior: false });
    expect(off.nameWeight).toBeNull();
    expect(off.dim).toBe(modelDim);
  });

  it('fuses names, attributes and propagated labels late, searching their shares, and frees every tensor', async () => {
    const data = syntheticPair({ entities: 40, names: true, attributes: true });
    const before = tf.memory().numTensors;
    const res = await train(data, {}, {}, { ...FAST, epochs: 4, evalEvery: 2, structurePrior: true, priorRelationDim: 8, priorBlockDim: 4, priorLabelDim: 32 });
    expect(tf.memory().numTensors).toBe(before);
    for (const s of [res.priorWeight, res.nameWeight, res.attributeWeight]) expect(s).not.toBeNull();
    const shares = [res.priorWeight!, res.nameWeight!, res.attributeWeight!];
    expect(shares.reduce((a, x) => a + x, 0)).toBeLessThanOrEqual(1 + 1e-9);
    const off = await train(data, {}, {}, { ...FAST, epochs: 4, evalEvery: 2, attributePrior: false, namePrior: false });
    expect(off.attributeWeight).toBeNull();
    expect(off.nameWeight).toBeNull();
    // The blended vector is the learned one plus exactly the views with a share: propagation 8 x 4, names 16, attributes 12.
    const learned = 1 - shares.reduce((a, x) => a + x, 0) > 1e-9 ? off.dim : 0;
    expect(res.dim).toBe(learned + [32, 16, 12].filter((_, i) => shares[i] > 0).reduce((a, x) => a + x, 0));
  });

  it('fuses the propagated seed labels late, at a share picked on validation, and re-propagates with pseudo-seeds', async () => {
    const data = syntheticPair({ entities: 40 });
    const before = tf.memory().numTensors;
    const res = await train(data, {}, {}, { ...FAST, epochs: 2, evalEvery: 1, structurePrior: true, priorRelationDim: 8, priorBlockDim: 4, priorLabelDim: 32 });
    expect(tf.memory().numTensors).toBe(before);
    expect(res.priorWeight).toBeGreaterThan(0);
    const modelDim = 2 * 16 * 3;
    expect(res.dim).toBe((res.priorWeight! < 1 ? modelDim : 0) + 32);
    const m = evaluatePairs(res.embeddings, res.dim, data.pairs.test);
    const learnedOnly = await train(data, {}, {}, { ...FAST, epochs: 2, evalEvery: 1 });
    expect(learnedOnly.priorWeight).toBeNull();
    // On the isomorphic pair the propagated labels alone rank most test partners first; 2 epochs of the
    // learned model alone do worse.
    expect(m.hits1).toBeGreaterThan(evaluatePairs(learnedOnly.embeddings, learnedOnly.dim, data.pairs.test).hits1);
    const iterative = await train(data, {}, {}, { ...FAST, epochs: 10, structurePrior: true, priorRelationDim: 8, priorBlockDim: 4, priorLabelDim: 32, iterative: true, iterativeStart: 2, iterativeEvery: 1, iterativeChecks: 1 });
    expect(iterative.pseudoSeeds.length).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ends iterative training with propagation-only rounds that re-pair the candidates (or add pairs among the unpaired)', async () => {
    const data = syntheticPair({ entities: 60 });
    // Probation that can never promote during training (start after the last epoch): only the final rounds can.
    const cfg = { ...FAST, epochs: 4, evalEvery: 2, structurePrior: true, priorRelationDim: 8, priorBlockDim: 4, priorLabelDim: 32, iterative: true, iterativeStart: 99, iterativeChecks: 3 };
    const none = await train(data, {}, {}, { ...cfg, iterativeFinalRounds: 0 });
    expect(none.pseudoSeeds.length).toBe(0);
    const gold = new Map<number, number>();
    for (let i = 0; i < data.pairs.test.length; i += 2) gold.set(data.pairs.test[i], data.pairs.test[i + 1]);
    const precision = (p: Int32Array): number => {
      let right = 0;
      for (let i = 0; i < p.length; i += 2) if (gold.get(p[i]) === p[i + 1]) right++;
      return right / (p.length / 2);
    };
    for (const rematch of [true, false]) {
      const before = tf.memory().numTensors;
      const finishing: (string | undefined)[] = [];
      const rounds = await train(data, {}, { onProgress: (p) => p.finishing && finishing.push(p.finishing) }, { ...cfg, iterativeFinalRounds: 2, iterativeFinalRematch: rematch });
      expect(tf.memory().numTensors).toBe(before);
      // The steps after the last epoch say what they do: the final propagation (train + valid labels), then each round.
      expect(finishing[0]).toMatch(/^final propagation of \d+ labels$/);
      expect(finishing.slice(1).length).toBeGreaterThan(0);
      const verb = rematch ? 're-paired' : 'promoted';
      finishing.slice(1).forEach((f, i) => expect(f).toMatch(new RegExp(`^final round ${i + 1}/2: \\d+ pseudo-seeds ${verb}$`)));
      // Same checkpoint; the rounds only change labels, and they are mostly right (the test pairs are the gold ones).
      expect(rounds.bestEpoch).toBe(none.bestEpoch);
      expect(rounds.pseudoSeeds.length).toBeGreaterThan(0);
      // Measured 24 of 25 right (0.96) with CSLS mutual pairs, 18 of 21 by cosine; chance is 1/26.
      expect(precision(rounds.pseudoSeeds)).toBeGreaterThan(0.5);
    }
  });

  it('cancel during the final rounds stops before the next round and returns the vectors it has', async () => {
    const data = syntheticPair({ entities: 60 });
    const cfg = { ...FAST, epochs: 4, evalEvery: 2, structurePrior: true, priorRelationDim: 8, priorBlockDim: 4, priorLabelDim: 32, iterative: true, iterativeStart: 99, iterativeChecks: 3, iterativeFinalRounds: 5 };
    const full = await train(data, {}, {}, cfg);
    const controller = new AbortController();
    const seen: string[] = [];
    const before = tf.memory().numTensors;
    const res = await train(data, {}, {
      signal: controller.signal,
      onProgress: (p) => {
        if (!p.finishing) return;
        seen.push(p.finishing);
        if (p.finishing.startsWith('final round 1/')) controller.abort();
      },
    }, cfg);
    expect(res.status).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);
    // Round 1 ran (its pseudo-seeds are kept), round 2 never started.
    expect(seen.filter((f) => f.startsWith('final round'))).toHaveLength(1);
    expect(res.pseudoSeeds.length).toBeGreaterThan(0);
    expect(res.pseudoSeeds.length).toBeLessThanOrEqual(full.pseudoSeeds.length);
    expect(res.embeddings.length).toBe(data.numEntities * res.dim);
  });

  it('a run cancelled during an epoch skips the final propagation and blends the views it has', async () => {
    const data = syntheticPair({ entities: 40 });
    const controller = new AbortController();
    const finishing: string[] = [];
    const res = await train(data, {}, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.finishing) finishing.push(p.finishing);
        if (p.epoch === 3 && p.step === 1) controller.abort();
      },
    }, { ...FAST, epochs: 6, evalEvery: 1, batchSize: 8, structurePrior: true, priorRelationDim: 8, priorBlockDim: 4, priorLabelDim: 32 });
    expect(res.status).toBe('cancelled');
    // No final propagation ran (it would have said so); the checkpoint is one of the two finished epochs.
    expect(finishing).toEqual([]);
    expect([1, 2]).toContain(res.bestEpoch);
    expect(res.priorWeight).not.toBeNull();
    expect(res.embeddings.length).toBe(data.numEntities * res.dim);
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const data = syntheticPair();
    const cfg = { ...FAST, epochs: 6 };
    const a = await train(data, { seed: 3 }, {}, cfg);
    const b = await train(data, { seed: 3 }, {}, cfg);
    const c = await train(data, { seed: 4 }, {}, cfg);
    expect(Array.from(a.embeddings)).toEqual(Array.from(b.embeddings));
    expect(a.log.map((e) => e.loss)).toEqual(b.log.map((e) => e.loss));
    expect(Array.from(a.embeddings)).not.toEqual(Array.from(c.embeddings));
  });

  it('returns the learned vector standardised per graph, or raw with standardize off; training is the same', async () => {
    const data = syntheticPair();
    const cfg = { ...FAST, epochs: 6 };
    const on = await train(data, {}, {}, cfg);
    const off = await train(data, {}, {}, { ...cfg, standardize: false });
    expect(on.log.map((e) => e.loss)).toEqual(off.log.map((e) => e.loss));
    const stats = (emb: Float32Array, dim: number, g: number, k: number): [number, number] => {
      const xs = [...data.side.keys()].filter((e) => data.side[e] === g).map((e) => emb[e * dim + k]);
      const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
      return [mean, xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length];
    };
    for (const g of [1, 2]) {
      for (let k = 0; k < on.dim; k++) {
        const [mean, variance] = stats(on.embeddings, on.dim, g, k);
        expect(Math.abs(mean)).toBeLessThan(1e-4);
        expect(variance).toBeCloseTo(1, 3);
      }
    }
    // Raw GAT outputs are not centred: some dimension's mean is far from 0.
    const means = Array.from({ length: off.dim }, (_, k) => Math.abs(stats(off.embeddings, off.dim, 1, k)[0]));
    expect(Math.max(...means)).toBeGreaterThan(0.01);
  });

  it('cancel stops within one batch and frees everything', async () => {
    const data = syntheticPair();
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    let batches = 0;
    const res = await train(data, {}, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 1 && p.epoch === 2 && p.step < p.steps + 1) {
          batches++;
          controller.abort();
        }
      },
    }, { ...FAST, batchSize: 4 });
    expect(res.status).toBe('cancelled');
    expect(batches).toBe(1);
    // Epoch 1 completed; epoch 2 stopped right after its first batch.
    expect(res.log).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('iterative training promotes stable mutual nearest neighbours to pseudo-seeds', async () => {
    const data = syntheticPair({ entities: 40 });
    const res = await train(data, { iterative: true }, {}, { ...FAST, epochs: 40, iterativeStart: 10, iterativeEvery: 2, iterativeChecks: 3 });
    expect(res.pseudoSeeds.length).toBeGreaterThan(0);
    const n1 = data.numEntities / 2;
    const gold = new Map<number, number>();
    for (const split of [data.pairs.test]) for (let i = 0; i < split.length; i += 2) gold.set(split[i], split[i + 1]);
    let right = 0;
    for (let i = 0; i < res.pseudoSeeds.length; i += 2) {
      expect(res.pseudoSeeds[i]).toBeLessThan(n1);
      if (gold.get(res.pseudoSeeds[i]) === res.pseudoSeeds[i + 1]) right++;
    }
    expect(right / (res.pseudoSeeds.length / 2)).toBeGreaterThan(0.5);
  });
});
