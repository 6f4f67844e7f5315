import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerClient } from '../../../../src-main/worker/worker-client';
import type { WorkerDiagnostics } from '../../../../src-main/worker/jobs/diagnostics-job';
import { writeSyntheticProject } from '../features/synthetic-project';
import { buildWorkerForTest } from './build-worker';

describe('tensors in the worker', () => {
  let dir: string;
  let project: string;
  let bundle: { path: string; cleanup(): void };
  let client: WorkerClient;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-mem-'));
    project = join(dir, 'p.mmea');
    const db = writeSyntheticProject(project, { entities: 40, degree: 3 });
    db.prepare('INSERT INTO image (entity, source) VALUES (1, ?)').run(join(__dirname, '..', '..', '..', '..', 'node_modules', 'svg-country-flags', 'png100px', 'fr.png'));
    db.close();
    bundle = await buildWorkerForTest();
    client = new WorkerClient({ workerPath: bundle.path });
    client.onLog((entry) => logs.push(entry.message));
  });
  afterAll(async () => {
    await client?.close();
    bundle?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are all freed after a training job (tf.memory() asked of the worker between jobs)', async () => {
    const before = await client.run<WorkerDiagnostics>('diagnostics', null);
    await client.run('train', { projectPath: project, options: { epochs: 2, dim: 8, gatLayers: 1, seed: 1 } });
    const after = await client.run<WorkerDiagnostics>('diagnostics', null);
    expect(after.numTensors - before.numTensors).toBe(0);
    expect(logs.filter((l) => /tensors allocated/.test(l))).toEqual([]);
  });

  it('are all freed after encoding images with MobileNetV2', async () => {
    const before = await client.run<WorkerDiagnostics>('diagnostics', null);
    await client.run('features', { projectPath: project, images: { encoder: 'mobilenet' } });
    const after = await client.run<WorkerDiagnostics>('diagnostics', null);
    expect(after.numTensors - before.numTensors).toBe(0);
  }, 120_000);
});
