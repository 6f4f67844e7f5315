import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/model/backend';
import { resolveConfig } from '../../../../src-main/model/config';
import { AlignmentModel } from '../../../../src-main/model/network';
import { Rng } from '../../../../src-main/model/rng';
import { batchLoss } from '../../../../src-main/model/trainer/step';
import { seedBatch, syntheticPair } from './synthetic';

/** Loss and gradients of one step (dropout off so both backends see the same function). */
function lossAndGrads(): { loss: number; grads: Map<string, Float32Array> } {
  const data = syntheticPair({ names: true });
  const config = resolveConfig({}, { dim: 12, dropout: 0, negatives: 4 });
  const model = new AlignmentModel(data, config, new Rng(11));
  const batch = seedBatch(data, model.present, 1);
  const { value, grads } = tf.variableGrads(() => batchLoss(model, config, batch), model.params.list());
  const byName = new Map<string, Float32Array>();
  for (const name of model.params.names()) {
    const g = grads[model.params.get(name).name];
    if (g) byName.set(name, g.dataSync() as Float32Array);
  }
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
  return { loss, grads: byName };
}

describe('backends', () => {
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it('reports what it tried; the native packages are optional and may be absent', async () => {
    const info = await selectBackend();
    expect(info.tried.at(-1)!.ok).toBe(true);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
    for (const t of info.tried.slice(0, -1)) expect(t.reason).toBeTruthy();
  });

  it('one training step gives the same loss and gradients on cpu and wasm', async () => {
    await selectBackend('cpu');
    const cpu = lossAndGrads();
    await selectBackend('wasm');
    const wasm = lossAndGrads();
    expect(wasm.loss).toBeCloseTo(cpu.loss, 4);
    expect([...wasm.grads.keys()].sort()).toEqual([...cpu.grads.keys()].sort());
    for (const [name, g] of cpu.grads) {
      const w = wasm.grads.get(name)!;
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - w[i]) / (1e-3 + Math.abs(g[i])));
      expect(worst, name).toBeLessThan(1e-2);
    }
  });

  const gpuInstalled = (() => {
    try {
      require.resolve('@tensorflow/tfjs-node-gpu');
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(gpuInstalled)('refuses a forced backend that does not exist rather than falling back', async () => {
    await expect(selectBackend('tensorflow-gpu')).rejects.toThrow(/unavailable/);
  });
});
