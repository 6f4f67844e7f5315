/**
 * The worker thread: owns TF.js. Picks the backend once at start and reports it, then runs jobs from the
 * registry, each with its own AbortController (cancel messages abort it) and its own project handle.
 * Bundled to out/main/worker.cjs.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Db } from '../project/db';
import { openDatabase } from '../project/db';
import { selectBackend } from '../model/backend';
import type { BackendInfo } from '../shared/dto';
import { AppError, toErrorData } from '../shared/errors';
import type { JobProgress } from '../shared/progress';
import { createJobRegistry } from './jobs';
import type { WorkerJobContext } from './job-registry';
import type { WorkerMessage, WorkerOptions, WorkerRequest } from './protocol';
import { isWasmAbort } from './wasm-abort';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts must run in a worker thread');

const options = (workerData ?? {}) as WorkerOptions;
const registry = createJobRegistry({ debug: options.debugJobs === true });
const running = new Map<string, AbortController>();
const post = (message: WorkerMessage): void => port.postMessage(message);

const ready: Promise<BackendInfo> = selectBackend(options.backend).then(
  (backend) => {
    post({ kind: 'ready', backend, jobTypes: registry.types() });
    return backend;
  },
  (error: unknown) => {
    const data = toErrorData(error);
    post({ kind: 'ready', backend: null, error: data, jobTypes: registry.types() });
    throw error;
  },
);
// Jobs await `ready` and report the failure themselves; this only keeps the rejection from being "unhandled".
ready.catch(() => undefined);

port.on('message', (message: WorkerRequest) => {
  if (message?.kind === 'cancel') {
    running.get(message.jobId)?.abort();
    return;
  }
  if (message?.kind === 'request') {
    void runJob(message.jobId, message.type, message.payload);
    return;
  }
  post({ kind: 'error', jobId: '', error: { code: 'INTERNAL', message: `worker: malformed message ${JSON.stringify(message)?.slice(0, 200)}` } });
});

async function runJob(jobId: string, type: string, payload: unknown): Promise<void> {
  const controller = new AbortController();
  running.set(jobId, controller);
  const projects: Db[] = [];
  // Tensors alive before the job: compared after it when no other job overlapped, to name leaks in the log.
  const tensorsBefore = running.size === 1 ? tf.memory().numTensors : null;
  try {
    const runner = registry.get(type);
    if (!runner) throw new AppError('BAD_INPUT', `the worker has no job '${type}' (known: ${registry.types().join(', ')})`);
    const parsed = runner.parse(payload);
    const backend = await ready;
    const ctx: WorkerJobContext = {
      jobId,
      signal: controller.signal,
      backend,
      progress: (update) => post({ kind: 'progress', jobId, progress: { ...update, jobId } as JobProgress }),
      log: (level, text) => post({ kind: 'log', jobId, level, message: text }),
      openProject: (path) => {
        const db = openDatabase(path);
        projects.push(db);
        return db;
      },
    };
    const result = await runner.run(parsed, ctx);
    post({ kind: 'outcome', jobId, outcome: { jobId, status: 'done', result } });
  } catch (error) {
    const data = toErrorData(error);
    const fatal = isWasmAbort(error);
    if (fatal) post({ kind: 'retiring', reason: data.message });
    if (data.code === 'CANCELLED' || (controller.signal.aborted && data.code !== 'INTERNAL')) {
      post({ kind: 'outcome', jobId, outcome: { jobId, status: 'cancelled' } });
    } else {
      post({ kind: 'outcome', jobId, outcome: { jobId, status: 'failed', error: data } });
    }
    // A wasm abort kills TF.js for this thread: end it, so that the client starts a fresh worker for the next job.
    if (fatal) setImmediate(() => process.exit(70));
  } finally {
    running.delete(jobId);
    if (tensorsBefore !== null && running.size === 0) {
      const leaked = tf.memory().numTensors - tensorsBefore;
      if (leaked > 0) post({ kind: 'log', jobId, level: 'warn', message: `job '${type}' left ${leaked} tensors allocated` });
    }
    for (const db of projects) {
      try {
        db.close();
      } catch {
        // already closed by the job
      }
    }
  }
}
