import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/model/backend';
import { resolveConfig, type ModelConfig } from '../../../../src-main/model/config';
import { AlignmentModel } from '../../../../src-main/model/network';
import { Rng } from '../../../../src-main/model/rng';
import { syntheticPair } from './synthetic';

const D = 8;

function forwardOf(overrides: Partial<ModelConfig>, run: (model: AlignmentModel, mask: tf.Tensor2D) => void): void {
  const data = syntheticPair({ entities: 16, names: true });
  const model = new AlignmentModel(data, resolveConfig({}, { dim: D, ...overrides }), new Rng(1));
  tf.tidy(() => run(model, tf.ones([data.numEntities, model.modalities.length])));
  model.dispose();
}

describe('network variants', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  const cases: [string, Partial<ModelConfig>, number][] = [
    ['low-rank', {}, D],
    ['concat', { fusion: 'concat' }, 2 * D],
    ['beta', { fusion: 'beta' }, D],
    ['transformer', { fusion: 'transformer' }, D],
    ['meta-path structure', { structureEncoder: 'meta-path' }, D],
  ];
  for (const [name, overrides, fusedWidth] of cases) {
    it(`${name}: output widths are the declared ones`, () => {
      forwardOf(overrides, (model, mask) => {
        const out = model.forward(mask, 'eval');
        expect(out.final.shape).toEqual([32, model.outputDim]);
        expect(out.structure.shape).toEqual([32, D * 3]);
        expect(out.fused!.shape).toEqual([32, fusedWidth]);
        expect(out.uncertainty === undefined).toBe(overrides.fusion !== 'beta');
      });
    });
  }

  it("Beta fusion: 'eval' is deterministic (the means), 'train' samples a new weight each pass", () => {
    forwardOf({ fusion: 'beta' }, (model, mask) => {
      const e1 = model.forward(mask, 'eval').final.dataSync();
      const e2 = model.forward(mask, 'eval').final.dataSync();
      const t1 = model.forward(mask).final.dataSync();
      const t2 = model.forward(mask, 'train').final.dataSync();
      expect(Array.from(e1)).toEqual(Array.from(e2));
      expect(Array.from(t1)).not.toEqual(Array.from(t2));
      expect(Array.from(t1)).not.toEqual(Array.from(e1));
    });
  });

  it('the default model declares no variant parameter (its seeded initialisation is what it was before the variants)', () => {
    const data = syntheticPair({ entities: 16, names: true });
    const model = new AlignmentModel(data, resolveConfig({}, { dim: D }), new Rng(5));
    const names = model.params.names();
    model.dispose();
    expect(names.some((n) => n.startsWith('beta.') || n.startsWith('mformer.') || n.startsWith('mp') || n.startsWith('ot.'))).toBe(false);
  });
});
