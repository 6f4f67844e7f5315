import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobOutcome, JobProgress } from '../../../../src-main/shared/progress';
import { WorkerClient } from '../../../../src-main/worker/worker-client';
import { defaultWorkerPath, packageRoot } from '../../../../src-main/worker/worker-path';
import type { WorkerDiagnostics } from '../../../../src-main/worker/jobs/diagnostics-job';
import { buildWorkerForTest } from './build-worker';

describe('worker client', () => {
  let bundle: { path: string; cleanup(): void };
  let client: WorkerClient;

  beforeAll(async () => {
    bundle = await buildWorkerForTest();
    client = new WorkerClient({ workerPath: bundle.path, debugJobs: true, backend: 'cpu' });
  });
  afterAll(async () => {
    await client?.close();
    bundle?.cleanup();
  });

  it('finds the bundled worker under the package root by default', () => {
    expect(defaultWorkerPath()).toBe(join(packageRoot(), 'out', 'main', 'worker.cjs'));
    expect(packageRoot(join(packageRoot(), 'out', 'main'))).toBe(packageRoot());
  });

  it('reports the backend it picked once at start', async () => {
    const backend = await client.backend();
    expect(backend.name).toBe('cpu');
    expect(backend.tried).toEqual([{ name: 'cpu', ok: true }]);
  });

  it('streams progress with the job id, then one outcome', async () => {
    const progress: JobProgress[] = [];
    const outcomes: JobOutcome[] = [];
    const off = client.subscribe((p) => progress.push(p), (o) => outcomes.push(o));
    const { jobId, result } = client.start('debug.count', { steps: 5, delayMs: 1 });
    await expect(result).resolves.toEqual({ steps: 5, sum: 5 * 64 * 64 });
    off();
    expect(progress.map((p) => p.value)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(progress.every((p) => p.jobId === jobId)).toBe(true);
    expect(outcomes).toEqual([{ jobId, status: 'done', result: { steps: 5, sum: 20480 } }]);
  });

  it('cancels cooperatively: the job ends as cancelled and the worker stays usable', async () => {
    const outcomes: JobOutcome[] = [];
    const off = client.subscribe(() => undefined, (o) => outcomes.push(o));
    let steps = 0;
    const { jobId, result } = client.start('debug.count', { steps: 1000, delayMs: 5 }, {
      onProgress: () => {
        if (++steps === 3) client.cancel(jobId);
      },
    });
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    off();
    expect(steps).toBeLessThan(6);
    expect(outcomes).toEqual([{ jobId, status: 'cancelled' }]);
    await expect(client.run('debug.count', { steps: 1, delayMs: 0 })).resolves.toMatchObject({ steps: 1 });
  });

  it('cancels through an AbortSignal passed to start()', async () => {
    const controller = new AbortController();
    const run = client.run('debug.count', { steps: 1000, delayMs: 5 }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('rejects an unknown job type as bad input', async () => {
    await expect(client.run('no-such-job', {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/no job 'no-such-job'/) });
  });

  it.each(['debug.exit', 'debug.throw-uncaught'])('survives a crash (%s): running jobs fail with WORKER_CRASHED, the next job gets a fresh worker', async (crash) => {
    const outcomes: JobOutcome[] = [];
    const off = client.subscribe(() => undefined, (o) => outcomes.push(o));
    const bystander = client.start('debug.count', { steps: 10_000, delayMs: 5 });
    const crashing = client.start(crash, {});
    await expect(crashing.result).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    await expect(bystander.result).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    off();
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed']);
    expect(client.running()).toEqual([]);
    await expect(client.run('debug.count', { steps: 2, delayMs: 0 })).resolves.toMatchObject({ steps: 2 });
  });

  it('replaces a worker whose wasm backend aborted: that job fails with the reason, later jobs run on a fresh worker', async () => {
    const bystander = client.start('debug.count', { steps: 10_000, delayMs: 5 });
    await expect(client.run('debug.wasm-abort', {})).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/Aborted/) });
    // Started right away, before the old worker has exited: must go to a new one and survive the old one's exit.
    const next = client.run('debug.count', { steps: 3, delayMs: 20 });
    await expect(bystander.result).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    await expect(next).resolves.toMatchObject({ steps: 3 });
  });

  it('terminate() is the crash path and is not fatal either', async () => {
    const { result } = client.start('debug.count', { steps: 10_000, delayMs: 5 });
    await client.terminate();
    await expect(result).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect((await client.backend()).name).toBe('cpu');
  });

  it('keeps its process alive while awaited and lets it exit when idle', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'idle-exit-child.ts')], {
      cwd: packageRoot(),
      env: { ...process.env, MMEA_WORKER_PATH: bundle.path },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stdout).toBe('backend cpu\nresult {"steps":2,"sum":8192}\n');
    expect(child.status).toBe(0);
  });

  it('leaks no tensors across jobs', async () => {
    const before = await client.run<WorkerDiagnostics>('diagnostics', null);
    await client.run('debug.count', { steps: 20, delayMs: 0 });
    const after = await client.run<WorkerDiagnostics>('diagnostics', null);
    expect(after.backend).toBe('cpu');
    expect(after.numTensors).toBe(before.numTensors);
  });
});
