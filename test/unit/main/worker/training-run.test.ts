import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/model/backend';
import type { Db } from '../../../../src-main/project/db';
import { runTraining } from '../../../../src-main/worker/training-run';
import { writeSyntheticProject } from '../features/synthetic-project';

describe('runTraining (in process, as the CLI runs it)', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    await selectBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'mmea-tr-'));
    db = writeSyntheticProject(join(dir, 'p.mmea'), { entities: 40, degree: 3 });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops within one batch of a cancel and leaves a cancelled run without embeddings', async () => {
    const controller = new AbortController();
    let batches = 0;
    const outcome = await runTraining(db, { epochs: 50, dim: 8, gatLayers: 1, batchSize: 8 }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch >= 1 && p.step < p.steps) {
          batches++;
          controller.abort();
        }
      },
    });
    expect(outcome.status).toBe('cancelled');
    expect(batches).toBe(1);
    expect(db.prepare('SELECT status FROM training_run WHERE id = ?').pluck().get(outcome.runId)).toBe('cancelled');
    expect(db.prepare('SELECT count(*) FROM embedding WHERE run = ?').pluck().get(outcome.runId)).toBe(0);
  });

  it('is deterministic for a seed: two runs give the same losses and metrics', async () => {
    const options = { epochs: 3, dim: 8, gatLayers: 1, seed: 4 };
    const a = await runTraining(db, options);
    const b = await runTraining(db, options);
    expect(b.test).toEqual(a.test);
    const losses = (run: number) => db.prepare('SELECT loss FROM run_epoch WHERE run = ? ORDER BY epoch').pluck().all(run);
    expect(losses(b.runId)).toEqual(losses(a.runId));
    expect(losses(a.runId)).toHaveLength(3);
  });
});
