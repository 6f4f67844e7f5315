import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/project/db';
import { WorkerClient } from '../../../../src-main/worker/worker-client';
import type { FeaturesJobResult } from '../../../../src-main/worker/jobs/features-job';
import { writeSyntheticProject } from '../features/synthetic-project';
import { buildWorkerForTest } from './build-worker';

const flags = join(__dirname, '..', '..', '..', '..', 'node_modules', 'svg-country-flags', 'png100px');

describe("the worker's features job", () => {
  let dir: string;
  let project: string;
  let bundle: { path: string; cleanup(): void };
  let client: WorkerClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-fj-'));
    project = join(dir, 'p.mmea');
    const db = writeSyntheticProject(project, { entities: 4 });
    const ins = db.prepare('INSERT INTO image (entity, source) VALUES (?, ?)');
    ins.run(1, join(flags, 'fr.png'));
    ins.run(2, join(flags, 'fr.png'));
    ins.run(3, join(flags, 'jp.png'));
    db.close();
    bundle = await buildWorkerForTest();
    client = new WorkerClient({ workerPath: bundle.path });
  });
  afterAll(async () => {
    await client?.close();
    bundle?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const vectors = () => {
    const db = openDatabase(project);
    try {
      return db.prepare('SELECT entity, encoder, dim FROM image_feature ORDER BY entity').all();
    } finally {
      db.close();
    }
  };

  it('computes the bags once, and image features with the default descriptor, with progress', async () => {
    const values: number[] = [];
    const first = await client.run<FeaturesJobResult>('features', { projectPath: project, images: {} }, {
      onProgress: (p) => {
        if (p.kind === 'features' && p.value !== null) values.push(p.value);
      },
    });
    expect(first.recomputed.sort()).toEqual(['attribute', 'name', 'relation']);
    expect(first.images).toMatchObject({ encoder: 'descriptor-v1', encoded: 3, missing: 0 });
    expect(values[values.length - 1]).toBe(1);
    expect(vectors()).toEqual([1, 2, 3].map((entity) => ({ entity, encoder: 'descriptor-v1', dim: 288 })));
    const second = await client.run<FeaturesJobResult>('features', { projectPath: project });
    expect(second).toEqual({ recomputed: [], images: null });
  });

  it('loads MobileNetV2 from the nsfwjs package offline and replaces computed vectors with its own', async () => {
    const result = await client.run<FeaturesJobResult>('features', { projectPath: project, images: { encoder: 'mobilenet' } });
    expect(result.images).toMatchObject({ encoder: 'mobilenetv2-nsfwjs-1280', encoded: 3 });
    expect(vectors()).toEqual([1, 2, 3].map((entity) => ({ entity, encoder: 'mobilenetv2-nsfwjs-1280', dim: 1280 })));
  }, 120_000);

  it('rejects an unknown encoder as bad input', async () => {
    await expect(client.run('features', { projectPath: project, images: { encoder: 'clip' } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
