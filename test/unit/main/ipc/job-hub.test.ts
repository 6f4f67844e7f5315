import { describe, expect, it } from 'vitest';
import { JobHub, type JobSource } from '../../../../src-main/ipc/job-hub';
import { AppError } from '../../../../src-main/shared/errors';
import type { JobOutcome, JobProgress } from '../../../../src-main/shared/progress';

function record(hub: JobHub) {
  const progress: JobProgress[] = [];
  const outcomes: JobOutcome[] = [];
  const off = hub.subscribe((p) => progress.push(p), (o) => outcomes.push(o));
  const outcome = (jobId: string) =>
    new Promise<JobOutcome>((resolve) => {
      const check = () => {
        const found = outcomes.find((o) => o.jobId === jobId);
        if (found) resolve(found);
        else setTimeout(check, 2);
      };
      check();
    });
  return { progress, outcomes, off, outcome };
}

describe('JobHub', () => {
  it('runs a job, stamps its progress with the id and publishes the result once', async () => {
    const hub = new JobHub();
    const events = record(hub);
    const jobId = hub.start('count', async (ctx) => {
      ctx.progress({ kind: 'other', title: 'count', value: 0.5 });
      return 7;
    });
    expect(hub.running()).toEqual([{ jobId, title: 'count' }]);
    expect(await events.outcome(jobId)).toEqual({ jobId, status: 'done', result: 7 });
    expect(events.progress).toEqual([{ kind: 'other', title: 'count', value: 0.5, jobId }]);
    expect(events.outcomes).toHaveLength(1);
    expect(hub.running()).toEqual([]);
  });

  it('cancels cooperatively and reports cancelled; failures carry AppErrorData', async () => {
    const hub = new JobHub();
    const events = record(hub);
    const jobId = hub.start('long', (ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'stopped')))));
    await hub.cancel(jobId);
    expect(await events.outcome(jobId)).toEqual({ jobId, status: 'cancelled' });
    await expect(hub.cancel(jobId)).resolves.toBeUndefined(); // just finished: a quiet no-op
    await expect(hub.cancel('no-such-job')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const failing = hub.start('bad', async () => {
      throw new AppError('BAD_INPUT', 'line 3 is broken', { file: 'x.tsv', line: 3 });
    });
    expect(await events.outcome(failing)).toMatchObject({ status: 'failed', error: { code: 'BAD_INPUT', file: 'x.tsv', line: 3 } });
  });

  it('never starts a job cancelled before it began', async () => {
    const hub = new JobHub();
    const events = record(hub);
    let started = false;
    const jobId = hub.start('never', async () => {
      started = true;
    });
    await hub.cancel(jobId);
    expect(await events.outcome(jobId)).toEqual({ jobId, status: 'cancelled' });
    expect(started).toBe(false);
  });

  it('run() resolves with the result after the job has left the running list', async () => {
    const hub = new JobHub();
    await expect(hub.run('quick', async () => 'path')).resolves.toBe('path');
    expect(hub.running()).toEqual([]);
    await expect(hub.run('broken', async () => Promise.reject(new AppError('IO', 'disk')))).rejects.toMatchObject({ code: 'IO' });
  });

  it('forwards the events of an attached source and asks it to cancel its own jobs', async () => {
    const hub = new JobHub();
    const events = record(hub);
    let emit: { p: (p: JobProgress) => void; o: (o: JobOutcome) => void } | null = null;
    const cancelled: string[] = [];
    const started = new Set<string>();
    const source: JobSource = {
      cancel: (id) => (id.startsWith('w-') ? (cancelled.push(id), true) : false),
      running: () => [...started],
      subscribe: (p, o) => {
        emit = { p, o };
        return () => (emit = null);
      },
    };
    const detach = hub.attach(source);
    started.add('w-1');
    expect(hub.running()).toEqual([{ jobId: 'w-1', title: 'a worker job' }]); // known before its first progress
    emit!.p({ jobId: 'w-1', kind: 'training', title: 'Training', value: 0.1, epoch: 1, epochs: 10, step: 1, steps: 5, loss: 2, elapsedSeconds: 1, etaSeconds: 9, backend: 'wasm' });
    expect(events.progress[0]).toMatchObject({ jobId: 'w-1', kind: 'training' });
    expect(hub.running()).toEqual([{ jobId: 'w-1', title: 'Training' }]);
    await hub.cancel('w-1');
    expect(cancelled).toEqual(['w-1']);
    emit!.o({ jobId: 'w-1', status: 'cancelled' });
    started.delete('w-1');
    expect(hub.running()).toEqual([]);
    expect(events.outcomes).toEqual([{ jobId: 'w-1', status: 'cancelled' }]);
    detach();
    expect(emit).toBeNull();
  });

  it('keeps going when a listener throws, and stops calling unsubscribed listeners', async () => {
    const hub = new JobHub();
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error('listener bug');
    }, () => undefined);
    const off = hub.subscribe((p) => seen.push(p.jobId), () => undefined);
    const original = console.error;
    console.error = () => undefined;
    try {
      await hub.run('a', async (ctx) => ctx.progress({ kind: 'other', title: 'a', value: null }));
      off();
      await hub.run('b', async (ctx) => ctx.progress({ kind: 'other', title: 'b', value: null }));
    } finally {
      console.error = original;
    }
    expect(seen).toHaveLength(1);
  });

  it('cancelAllLocal() waits until every in-process job has settled', async () => {
    const hub = new JobHub();
    let finished = 0;
    for (let i = 0; i < 3; i++) {
      hub.start(`job ${i}`, (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => setTimeout(() => resolve(++finished), 5 * i))));
    }
    await new Promise((r) => setTimeout(r, 5)); // let them start
    await hub.cancelAllLocal();
    expect(finished).toBe(3);
    expect(hub.running()).toEqual([]);
  });
});
