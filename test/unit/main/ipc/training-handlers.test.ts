import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTrainingHandlers, type TrainingWorker } from '../../../../src-main/ipc/training-handlers';
import { wrapStore } from '../../../../src-main/ipc/project-opener';
import { ProjectSession } from '../../../../src-main/ipc/session';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { RunsRepository } from '../../../../src-main/project/repositories/runs';
import { AppError } from '../../../../src-main/shared/errors';
import { writeSyntheticProject } from '../features/synthetic-project';

/** A worker that records requests and lets the test settle them. */
class FakeWorker implements TrainingWorker {
  readonly started: { type: string; payload: unknown; settle(error?: AppError): void }[] = [];
  async backend() {
    return { name: 'wasm', tried: [{ name: 'wasm', ok: true }] };
  }
  start(type: string, payload: unknown) {
    let settle!: (error?: AppError) => void;
    const result = new Promise<unknown>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve({}));
    });
    this.started.push({ type, payload, settle });
    return { jobId: `job-${this.started.length}`, result };
  }
}

describe('training handlers', () => {
  let dir: string;
  let session: ProjectSession;
  let worker: FakeWorker;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-th-'));
    writeSyntheticProject(join(dir, 'p.mmea'), { entities: 10 }).close();
    session = new ProjectSession();
    await session.replace(() => wrapStore(ProjectStore.open(join(dir, 'p.mmea')), 'k'));
    worker = new FakeWorker();
  });
  afterEach(() => {
    session.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the run record first, then starts the worker job with the merged options', async () => {
    const api = createTrainingHandlers({ session, worker });
    const defaults = await api.defaults();
    expect(defaults).toMatchObject({ useNames: true, useDecisions: true, trainRatio: 0.3, validRatio: 0.1 });
    const { jobId, runId } = await api.start({ epochs: 3, seed: 9 });
    expect(jobId).toBe('job-1');
    expect(worker.started[0].type).toBe('train');
    expect(worker.started[0].payload).toEqual({ projectPath: join(dir, 'p.mmea'), runId, options: { ...defaults, epochs: 3, seed: 9 } });
    const runs = await api.runs();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: runId, status: 'running', backend: 'wasm', options: { epochs: 3, seed: 9 } });
  });

  it('runs one training at a time', async () => {
    const api = createTrainingHandlers({ session, worker });
    const first = await api.start({});
    await expect(api.start({})).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining(`run ${first.runId}`) });
    worker.started[0].settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(api.start({})).resolves.toMatchObject({ jobId: 'job-2' });
  });

  it('marks the run failed when the worker dies under it, and leaves it alone otherwise', async () => {
    const api = createTrainingHandlers({ session, worker });
    const crashed = await api.start({});
    worker.started[0].settle(new AppError('WORKER_CRASHED', 'the training worker exited unexpectedly (code 1)'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const failedByItself = await api.start({});
    // The worker closes its own runs; a job error that is not a crash must not overwrite what it wrote.
    new RunsRepository(session.require().store.db).finish(failedByItself.runId, 'cancelled');
    worker.started[1].settle(new AppError('CANCELLED', 'cancelled'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const runs = await api.runs();
    expect(runs.map((r) => r.status)).toEqual(['failed', 'cancelled']);
    expect(new RunsRepository(session.require().store.db).error(crashed.runId)).toMatch(/exited unexpectedly/);
  });

  it('marks runs left running by an app that stopped as failed when the project is first used', async () => {
    const db = session.require().store.db;
    const stale = new RunsRepository(db).create('wasm', {});
    const api = createTrainingHandlers({ session, worker });
    const runs = await api.runs();
    expect(runs.find((r) => r.id === stale)?.status).toBe('failed');
    expect(new RunsRepository(db).error(stale)).toMatch(/app stopped/);
    // Runs this process starts are never touched by that check.
    const { runId } = await api.start({});
    expect((await api.runs()).find((r) => r.id === runId)?.status).toBe('running');
    worker.started[0].settle();
  });

  it('needs an open project', async () => {
    session.close(true);
    const api = createTrainingHandlers({ session, worker });
    await expect(api.start({})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.runs()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.backend()).name).toBe('wasm');
  });
});
