import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../src-renderer/api';
import { useJobsStore } from '../../../../src-renderer/stores/jobs';
import { foldEpoch, useTrainingStore } from '../../../../src-renderer/stores/training';
import { useUiStore } from '../../../../src-renderer/stores/ui';
import type { TrainingProgress } from '@shared/progress';
import { createFakeApi, type FakeApi } from '../fake-api';

const progress = (epoch: number, loss: number, valid?: TrainingProgress['valid']): TrainingProgress => ({
  jobId: 'job-1', kind: 'training', title: 'Training', value: epoch / 3, epoch, epochs: 3, step: 1, steps: 1, loss, valid,
  elapsedSeconds: epoch, etaSeconds: 3 - epoch, backend: 'wasm',
});

describe('jobs store', () => {
  let api: FakeApi;
  beforeEach(() => {
    setActivePinia(createPinia());
    api = createFakeApi();
    setApi(api);
  });

  it('tracks progress per job and settles waiters with the outcome', async () => {
    const jobs = useJobsStore();
    jobs.connect();
    api.emitProgress(progress(1, 0.5));
    expect(jobs.list).toHaveLength(1);
    const waiting = jobs.wait('job-1');
    api.emitOutcome({ jobId: 'job-1', status: 'done' });
    expect(await waiting).toEqual({ jobId: 'job-1', status: 'done' });
    expect(jobs.list).toHaveLength(0);
  });

  it('keeps an outcome that arrives before anyone waits for it', async () => {
    const jobs = useJobsStore();
    jobs.connect();
    api.emitOutcome({ jobId: 'quick', status: 'cancelled' });
    expect(await jobs.wait('quick')).toEqual({ jobId: 'quick', status: 'cancelled' });
  });

  it('shows a failed job as an error notice with its hint', () => {
    const jobs = useJobsStore();
    jobs.connect();
    api.emitOutcome({ jobId: 'j', status: 'failed', error: { code: 'WORKER_CRASHED', message: 'out of memory', hint: 'Lower the dimension.' } });
    expect(useUiStore().notices[0]).toMatchObject({ tone: 'error', text: 'out of memory' });
  });
});

describe('training store', () => {
  let api: FakeApi;
  beforeEach(() => {
    setActivePinia(createPinia());
    api = createFakeApi();
    setApi(api);
    useJobsStore().connect();
  });

  it('starts from the documented defaults and can reset to them', async () => {
    const training = useTrainingStore();
    await training.load();
    expect(training.options.epochs).toBe(10);
    training.setOption('epochs', 3);
    expect(training.options.epochs).toBe(3);
    training.resetOptions();
    expect(training.options.epochs).toBe(10);
    expect(training.backend?.name).toBe('wasm');
  });

  it('builds the live per-epoch series from progress and ends with the outcome', async () => {
    const training = useTrainingStore();
    await training.load();
    const run = training.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(training.running).toBe(true);
    api.emitProgress(progress(1, 0.9));
    api.emitProgress(progress(1, 0.8, { hits1: 0.2, hits10: 0.5, mrr: 0.3 }));
    api.emitProgress(progress(2, 0.6));
    expect(training.series).toEqual([{ epoch: 1, loss: 0.8, hits1: 0.2, mrr: 0.3 }, { epoch: 2, loss: 0.6, hits1: null, mrr: null }]);
    api.emitOutcome({ jobId: 'job-1', status: 'done' });
    expect((await run)?.status).toBe('done');
    expect(training.running).toBe(false);
  });

  it('cancel asks the back end to stop the running job', async () => {
    const training = useTrainingStore();
    await training.load();
    const run = training.start();
    await new Promise((r) => setTimeout(r, 0));
    await training.cancel();
    expect(api.calls).toContain('jobs.cancel:job-1');
    api.emitOutcome({ jobId: 'job-1', status: 'cancelled' });
    expect((await run)?.status).toBe('cancelled');
  });

  it('foldEpoch leaves out the starting message, which carries no loss yet', () => {
    const a = foldEpoch([], progress(1, 2.5));
    expect(foldEpoch(a, progress(0, 0))).toEqual([{ epoch: 1, loss: 2.5, hits1: null, mrr: null }]);
    expect(foldEpoch([], progress(0, 0))).toEqual([]);
  });

  it('foldEpoch leaves the last epoch alone during the steps after it (final propagation)', () => {
    const a = foldEpoch([], progress(3, 0.4, { hits1: 0.6, hits10: 0.9, mrr: 0.7 }));
    expect(foldEpoch(a, { ...progress(3, 0), value: null, finishing: 'final propagation of 4500 labels' })).toEqual(a);
  });

  it('foldEpoch keeps validation metrics of an epoch when a later message lacks them', () => {
    const a = foldEpoch([], progress(1, 1, { hits1: 0.1, hits10: 0.2, mrr: 0.15 }));
    expect(foldEpoch(a, progress(1, 0.7))).toEqual([{ epoch: 1, loss: 0.7, hits1: 0.1, mrr: 0.15 }]);
  });
});
