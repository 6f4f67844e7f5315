import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomModelEncoder } from '../../../../src-main/features/custom-model-encoder';

/** Saves a model in the standard TF.js layout (model.json + one weights shard) with an IOHandler of our own. */
async function saveModel(model: tf.LayersModel, dir: string): Promise<string> {
  await model.save({
    save: async (artifacts) => {
      writeFileSync(join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
      writeFileSync(join(dir, 'model.json'), JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
  return join(dir, 'model.json');
}

const solid = (r: number, g: number, b: number): Promise<Buffer> =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g, b } } }).png().toBuffer();

describe("a curator's own TF.js model", () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'mmea-model-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads model.json from disk, sizes images to its input and returns its output L2-normalised', async () => {
    // Global average pooling over a 16x16 RGB input: the feature is the mean colour.
    const model = tf.sequential({ layers: [tf.layers.globalAveragePooling2d({ inputShape: [16, 16, 3] })] });
    const path = await saveModel(model, dir);
    model.dispose();
    const before = tf.memory().numTensors;
    const encoder = await CustomModelEncoder.load(path);
    expect(encoder.id).toBe(`custom:${path}`);
    expect(encoder.dim).toBe(3);
    const red = await encoder.encode(await solid(255, 0, 0));
    expect(Array.from(red).map((x) => Math.round(x * 1000) / 1000)).toEqual([1, 0, 0]);
    const grey = await encoder.encode(await solid(128, 128, 128));
    expect(grey[0]).toBeCloseTo(1 / Math.sqrt(3), 4);
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says what is wrong with a file that is not a model', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    await expect(CustomModelEncoder.load(bad)).rejects.toMatchObject({ code: 'BAD_INPUT', file: bad });
  });

  it('refuses a model whose input is not an image batch', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [5] })] });
    const sub = mkdtempSync(join(dir, 'dense-'));
    const path = await saveModel(model, sub);
    model.dispose();
    await expect(CustomModelEncoder.load(path)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/image batch/) });
  });
});
