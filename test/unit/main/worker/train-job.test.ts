import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/project/db';
import { RunsRepository } from '../../../../src-main/project/repositories/runs';
import type { TrainingProgress } from '../../../../src-main/shared/progress';
import { WorkerClient } from '../../../../src-main/worker/worker-client';
import type { TrainingRunOutcome } from '../../../../src-main/worker/training-run';
import { writeSyntheticProject } from '../features/synthetic-project';
import { buildWorkerForTest } from './build-worker';

const SMALL = { epochs: 6, dim: 16, gatLayers: 1, seed: 5, useNames: false, csls: false };

describe('training in the worker', () => {
  let dir: string;
  let project: string;
  let bundle: { path: string; cleanup(): void };
  let client: WorkerClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-train-'));
    project = join(dir, 'p.mmea');
    writeSyntheticProject(project, { entities: 80, degree: 4 }).close();
    bundle = await buildWorkerForTest();
    client = new WorkerClient({ workerPath: bundle.path });
  });
  afterAll(async () => {
    await client?.close();
    bundle?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = openDatabase(project);
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  it('streams training progress and stores the run, its epochs, embeddings and test metrics', async () => {
    const progress: TrainingProgress[] = [];
    const outcome = await client.run<TrainingRunOutcome>('train', { projectPath: project, options: SMALL }, {
      onProgress: (p) => {
        if (p.kind === 'training') progress.push(p);
      },
    });
    expect(outcome.status).toBe('done');
    const backend = (await client.backend()).name;
    expect(progress[0]).toMatchObject({ epoch: 0, backend });
    const epochs = progress.filter((p) => p.epoch > 0 && !p.finishing);
    expect(new Set(epochs.map((p) => p.epoch))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(epochs.every((p) => p.epochs === 6 && Number.isFinite(p.loss) && p.elapsedSeconds >= 0)).toBe(true);
    expect(epochs.some((p) => p.valid !== undefined)).toBe(true);
    expect(epochs[epochs.length - 1].value).toBeCloseTo(1, 6);
    // Then the step after the last epoch (the final label propagation) says what it does, with no fraction.
    const finishing = progress.slice(progress.indexOf(epochs[epochs.length - 1]) + 1);
    expect(finishing.map((p) => [p.finishing, p.value])).toEqual([[expect.stringMatching(/^final propagation of \d+ labels$/), null]]);

    const run = query<{ status: string; backend: string; metrics: string }>('SELECT status, backend, metrics FROM training_run WHERE id = ?', outcome.runId)[0];
    expect(run.status).toBe('done');
    expect(run.backend).toBe(backend);
    expect(JSON.parse(run.metrics)).toEqual(outcome.test);
    expect(outcome.test!.pairs).toBe(outcome.stats.pairs.test);
    expect(query('SELECT epoch FROM run_epoch WHERE run = ? ORDER BY epoch', outcome.runId)).toHaveLength(6);
    const stored = query<{ modality: string; rows: number }>('SELECT modality, rows FROM embedding WHERE run = ? ORDER BY modality', outcome.runId);
    expect(stored.map((r) => r.modality)).toEqual(['attribute', 'final', 'relation', 'structure']);
    expect(stored.every((r) => r.rows === 160)).toBe(true);
  });

  it("runs review's candidate generation on the stored run as an 'align' job", async () => {
    const aligned: number[] = [];
    const result = await client.run<{ generation: { count?: number } }>('align', { projectPath: project, options: { topK: 5 } }, {
      onProgress: (p) => {
        if (p.kind === 'align' && p.value !== null) aligned.push(p.value);
      },
    });
    expect(result.generation).toBeDefined();
    expect(aligned[aligned.length - 1]).toBe(1);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM candidate')[0].n).toBeGreaterThan(0);
  });

  it('cancels by message and leaves the project consistent: run cancelled, no embeddings', async () => {
    let batches = 0;
    const started = client.start('train', { projectPath: project, options: { ...SMALL, epochs: 500 } }, {
      onProgress: (p) => {
        if (p.kind === 'training' && p.epoch >= 1 && ++batches === 1) client.cancel(started.jobId);
      },
    });
    await expect(started.result).rejects.toMatchObject({ code: 'CANCELLED' });
    // The worker stops at the first batch boundary after the message arrives; the message's trip from this thread
    // may take a few tiny batches here (training-run.test.ts checks the in-worker bound exactly).
    expect(batches).toBeLessThan(50);
    const runs = query<{ id: number; status: string; finished_at: string | null }>("SELECT id, status, finished_at FROM training_run ORDER BY id DESC LIMIT 1");
    expect(runs[0].status).toBe('cancelled');
    expect(runs[0].finished_at).not.toBeNull();
    expect(query('SELECT modality FROM embedding WHERE run = ?', runs[0].id)).toEqual([]);
    expect(query('SELECT 1 FROM frozen_modality WHERE run = ?', runs[0].id)).toEqual([]);
  });

  it('uses a run record created by the caller, and marks it failed on bad options', async () => {
    const db = openDatabase(project);
    const runId = new RunsRepository(db).create('test', {});
    db.close();
    await expect(client.run('train', { projectPath: project, options: { ...SMALL, epochs: 0 }, runId })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/epochs=0/) });
    const run = query<{ status: string; error: string }>('SELECT status, error FROM training_run WHERE id = ?', runId)[0];
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/epochs=0/);
  });
});
