import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../src-main/project/db';
import { RunsRepository } from '../../../../../src-main/project/repositories/runs';

describe('runs repository', () => {
  it('records a run, its epochs and its end, and lists them', () => {
    const db = openDatabase(':memory:', { create: true });
    const runs = new RunsRepository(db);
    const id = runs.create('wasm', { epochs: 2, seed: 5 });
    runs.addEpoch(id, { epoch: 1, loss: 2.5, hits1: null, hits10: null, mrr: null, seconds: 1.5 });
    runs.addEpoch(id, { epoch: 2, loss: 1.5, hits1: 0.5, hits10: 0.9, mrr: 0.6, seconds: 1.25 });
    expect(runs.get(id)).toMatchObject({ status: 'running', backend: 'wasm', options: { epochs: 2, seed: 5 }, finishedAt: null });
    runs.finish(id, 'done', { bestEpoch: 2, metrics: { hits1: 0.4, hits10: 0.8, mrr: 0.5, pairs: 10 } });
    const run = runs.get(id)!;
    expect(run).toMatchObject({ status: 'done', bestEpoch: 2, metrics: { hits1: 0.4, pairs: 10 } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.epochs).toEqual([
      { epoch: 1, loss: 2.5, hits1: null, mrr: null, seconds: 1.5 },
      { epoch: 2, loss: 1.5, hits1: 0.5, mrr: 0.6, seconds: 1.25 },
    ]);
    expect(runs.latestDone()).toBe(id);
    db.close();
  });

  it('marks runs a dead worker left running as failed, with the reason', () => {
    const db = openDatabase(':memory:', { create: true });
    const runs = new RunsRepository(db);
    const a = runs.create('cpu', {});
    const b = runs.create('cpu', {});
    runs.finish(b, 'cancelled');
    expect(runs.failInterrupted('the worker stopped')).toBe(1);
    expect(runs.get(a)?.status).toBe('failed');
    expect(runs.error(a)).toBe('the worker stopped');
    expect(runs.get(b)?.status).toBe('cancelled');
    expect(runs.latestDone()).toBeNull();
    expect(runs.list().map((r) => r.id)).toEqual([a, b]);
    db.close();
  });
});
