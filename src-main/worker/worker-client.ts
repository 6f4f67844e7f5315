import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BackendInfo } from '../shared/dto';
import { AppError, type AppErrorData } from '../shared/errors';
import type { JobOutcome, JobProgress } from '../shared/progress';
import { isWorkerMessage, type LogLevel, type WorkerMessage, type WorkerOptions, type WorkerRequest } from './protocol';
import { defaultWorkerPath } from './worker-path';

/** How the client starts its worker. */
export interface WorkerClientOptions extends WorkerOptions {
  /** The bundled worker entry; default out/main/worker.cjs under the package root (or MMEA_WORKER_PATH). */
  workerPath?: string;
}

type ProgressListener = (progress: JobProgress) => void;
type OutcomeListener = (outcome: JobOutcome) => void;
type LogListener = (entry: { jobId: string; level: LogLevel; message: string }) => void;

interface RunningJob {
  type: string;
  live: Live;
  resolve(result: unknown): void;
  reject(error: AppError): void;
  onProgress?: ProgressListener;
}

interface Live {
  worker: Worker;
  ready: Promise<BackendInfo>;
  dead: boolean;
  /** Announced it will exit: no new jobs go to it, its running ones finish or fail with it. */
  retiring: boolean;
}

/**
 * The main process's handle on the one long-lived worker thread. Starts it lazily, routes progress/log/outcome
 * messages by job id, cancels cooperatively by message, and treats a worker that dies (exit, uncaught exception,
 * terminate()) as a crash: its running jobs fail with WORKER_CRASHED, and the next job starts a fresh worker.
 * Also a JobSource for the main process's JobHub (cancel + subscribe).
 */
export class WorkerClient {
  private live: Live | null = null;
  /** Every worker not yet dead: the current one and any retiring one still finishing its jobs. */
  private readonly lives = new Set<Live>();
  private readonly jobs = new Map<string, RunningJob>();
  private readonly progressListeners = new Set<ProgressListener>();
  private readonly outcomeListeners = new Set<OutcomeListener>();
  private readonly logListeners = new Set<LogListener>();
  private lastBackend: BackendInfo | null = null;

  constructor(private readonly options: WorkerClientOptions = {}) {}

  /** The TF.js backend the worker chose (starts the worker if needed). */
  async backend(): Promise<BackendInfo> {
    return this.ensure().ready;
  }

  /** The backend of the last worker that reported one, without starting a worker. */
  get knownBackend(): BackendInfo | null {
    return this.lastBackend;
  }

  /**
   * Starts a job; returns its id at once and a promise of its result. The promise rejects with
   * AppError('CANCELLED') on cancel, the job's own error on failure, and WORKER_CRASHED if the worker dies.
   */
  start(type: string, payload: unknown, hooks: { jobId?: string; onProgress?: ProgressListener; signal?: AbortSignal } = {}): { jobId: string; result: Promise<unknown> } {
    const jobId = hooks.jobId ?? randomUUID();
    const live = this.ensure();
    const result = new Promise<unknown>((resolve, reject) => {
      this.jobs.set(jobId, { type, live, resolve, reject, onProgress: hooks.onProgress });
    });
    // Callers that only listen through subscribe() must not see an unhandled rejection.
    result.catch(() => undefined);
    if (hooks.signal) {
      if (hooks.signal.aborted) queueMicrotask(() => this.cancel(jobId));
      else hooks.signal.addEventListener('abort', () => this.cancel(jobId), { once: true });
    }
    live.worker.ref();
    this.post(live, { kind: 'request', jobId, type, payload });
    return { jobId, result };
  }

  /** Runs a job to its end: start() and await its result. */
  run<R = unknown>(type: string, payload: unknown, hooks: { onProgress?: ProgressListener; signal?: AbortSignal } = {}): Promise<R> {
    return this.start(type, payload, hooks).result as Promise<R>;
  }

  /** Asks a running job to stop (cooperatively). Returns false for a job this client does not know. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.live.dead) return false;
    this.post(job.live, { kind: 'cancel', jobId });
    return true;
  }

  /** Ids of jobs started and not yet ended. */
  running(): string[] {
    return [...this.jobs.keys()];
  }

  subscribe(onProgress: ProgressListener, onOutcome: OutcomeListener): () => void {
    this.progressListeners.add(onProgress);
    this.outcomeListeners.add(onOutcome);
    return () => {
      this.progressListeners.delete(onProgress);
      this.outcomeListeners.delete(onOutcome);
    };
  }

  /** Log lines of jobs (warnings about skipped images, data statistics). */
  onLog(listener: LogListener): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /**
   * The crash path: stops the worker at once, whatever it is doing. Running jobs fail with WORKER_CRASHED; the
   * next job starts a fresh worker.
   */
  async terminate(): Promise<void> {
    const lives = [...this.lives];
    for (const live of lives) this.crashed(live, { code: 'WORKER_CRASHED', message: 'the training worker was stopped' });
    await Promise.all(lives.map((live) => live.worker.terminate()));
  }

  /** Stops the worker for good (on quit): same as terminate, named for intent. */
  async close(): Promise<void> {
    await this.terminate();
  }

  private ensure(): Live {
    if (this.live && !this.live.dead && !this.live.retiring) return this.live;
    const path = this.options.workerPath ?? defaultWorkerPath();
    if (!existsSync(path)) {
      throw new AppError('NOT_FOUND', `the training worker is missing: ${path}`, { hint: 'Run `npm run build:main` to build out/main/worker.cjs.' });
    }
    const worker = new Worker(path, { workerData: { backend: this.options.backend, debugJobs: this.options.debugJobs } satisfies WorkerOptions });
    let resolveReady!: (b: BackendInfo) => void;
    let rejectReady!: (e: AppError) => void;
    const ready = new Promise<BackendInfo>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    ready.catch(() => undefined);
    const live: Live = { worker, ready, dead: false, retiring: false };
    this.live = live;
    this.lives.add(live);
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.kind === 'ready') {
        if (message.backend) {
          this.lastBackend = message.backend;
          resolveReady(message.backend);
        } else rejectReady(new AppError(message.error?.code ?? 'INTERNAL', message.error?.message ?? 'no TF.js backend'));
        return;
      }
      if (message.kind === 'retiring') {
        live.retiring = true;
        if (this.live === live) this.live = null;
        return;
      }
      this.route(message);
    });
    worker.on('error', (error) => {
      rejectReady(new AppError('WORKER_CRASHED', `the training worker failed: ${error.message}`));
      this.crashed(live, { code: 'WORKER_CRASHED', message: `the training worker crashed: ${error.message}`, hint: 'The job can be started again.' });
    });
    worker.on('exit', (code) => {
      rejectReady(new AppError('WORKER_CRASHED', `the training worker exited (code ${code})`));
      this.crashed(live, { code: 'WORKER_CRASHED', message: `the training worker exited unexpectedly (code ${code})`, hint: 'The job can be started again.' });
    });
    // The worker keeps the process alive only while something waits on it (its start-up, a job): an idle worker
    // must not keep a CLI or a test process from exiting.
    const idle = (): void => {
      if (!live.dead && ![...this.jobs.values()].some((j) => j.live === live)) worker.unref();
    };
    ready.then(idle, idle);
    return live;
  }

  private post(live: Live, message: WorkerRequest): void {
    live.worker.postMessage(message);
  }

  private route(message: Exclude<WorkerMessage, { kind: 'ready' | 'retiring' }>): void {
    switch (message.kind) {
      case 'progress': {
        this.jobs.get(message.jobId)?.onProgress?.(message.progress);
        for (const l of [...this.progressListeners]) l(message.progress);
        return;
      }
      case 'log': {
        for (const l of [...this.logListeners]) l({ jobId: message.jobId, level: message.level, message: message.message });
        return;
      }
      case 'outcome': {
        this.settle(message.outcome);
        return;
      }
      case 'error': {
        for (const l of [...this.logListeners]) l({ jobId: message.jobId, level: 'error', message: message.error.message });
        return;
      }
    }
  }

  private settle(outcome: JobOutcome): void {
    const job = this.jobs.get(outcome.jobId);
    if (!job) return;
    this.jobs.delete(outcome.jobId);
    if (outcome.status === 'done') job.resolve(outcome.result);
    else if (outcome.status === 'cancelled') job.reject(new AppError('CANCELLED', `${job.type} cancelled`));
    else job.reject(new AppError(outcome.error.code, outcome.error.message, { file: outcome.error.file, line: outcome.error.line, hint: outcome.error.hint }));
    for (const l of [...this.outcomeListeners]) l(outcome);
    if (![...this.jobs.values()].some((j) => j.live === job.live)) job.live.worker.unref();
  }

  /** Fails every job of a dead worker (once) and forgets the worker so the next job starts a new one. */
  private crashed(live: Live, error: AppErrorData): void {
    if (live.dead) return;
    live.dead = true;
    this.lives.delete(live);
    if (this.live === live) this.live = null;
    for (const [jobId, job] of [...this.jobs]) if (job.live === live) this.settle({ jobId, status: 'failed', error });
  }
}
