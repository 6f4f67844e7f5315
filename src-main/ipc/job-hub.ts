import { randomUUID } from 'node:crypto';
import { AppError, toErrorData } from '../shared/errors';
import type { JobOutcome, JobProgress } from '../shared/progress';

/** A JobProgress without its jobId, as a job's own code reports it (the hub fills the id in). */
export type ProgressUpdate = JobProgress extends infer P ? (P extends JobProgress ? Omit<P, 'jobId'> : never) : never;

/** What an in-process job receives: a cooperative cancel signal and a progress reporter. */
export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  progress(update: ProgressUpdate): void;
}

/**
 * Jobs that run elsewhere (the worker thread's training and candidate generation): the hub forwards their
 * events and asks them to cancel jobs it does not run itself.
 */
export interface JobSource {
  /** Returns true when the job was known to this source (and is now being cancelled). */
  cancel(jobId: string): boolean | Promise<boolean>;
  /** Ids of the source's jobs that have started and not ended (known before their first progress event). */
  running?(): string[];
  subscribe(onProgress: (progress: JobProgress) => void, onOutcome: (outcome: JobOutcome) => void): () => void;
}

type Listener = { onProgress: (p: JobProgress) => void; onOutcome: (o: JobOutcome) => void };

/** How many finished job ids are remembered, so that cancelling a job that just ended is a quiet no-op. */
const FINISHED_MEMORY = 200;

/**
 * Every long job of the main process in one place: in-process jobs (imports) started here, jobs of attached
 * sources forwarded, one subscription for all progress and outcomes, cancel by id. Both transports (Electron IPC
 * and the WebSocket server) fan these events out to their clients.
 */
export class JobHub {
  private readonly listeners = new Set<Listener>();
  private readonly local = new Map<string, { controller: AbortController; title: string }>();
  private readonly finished: string[] = [];
  private readonly sources: JobSource[] = [];
  private readonly foreign = new Set<string>();
  /** Titles of foreign jobs, from their progress events (for "the project is in use by ..." messages). */
  private readonly titles = new Map<string, string>();

  /** Starts `run` now and returns its job id at once; the outcome is published when it settles. */
  start(title: string, run: (ctx: JobContext) => Promise<unknown>): string {
    return this.launch(title, run).jobId;
  }

  /**
   * Runs a job whose caller waits for its result (e.g. building the demo before opening it): progress and the
   * outcome still go to subscribers, and the job can be cancelled like any other. Resolves after the job left
   * the running list.
   */
  run<T>(title: string, run: (ctx: JobContext) => Promise<T>): Promise<T> {
    return this.launch(title, run).done;
  }

  private launch<T>(title: string, run: (ctx: JobContext) => Promise<T>): { jobId: string; done: Promise<T> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.local.set(jobId, { controller, title });
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (update) => {
        if (this.local.has(jobId)) this.emitProgress({ ...update, jobId } as JobProgress);
      },
    };
    // A microtask later, so that the caller has the id before the first progress event can arrive.
    const done = Promise.resolve()
      .then(() => {
        // Cancelled before it began (cancel right after start): never start the work at all.
        if (controller.signal.aborted) throw new AppError('CANCELLED', `${title} was cancelled`);
        return run(ctx);
      })
      .then(
        (result) => {
          this.settle({ jobId, status: 'done', result });
          return result;
        },
        (error: unknown) => {
          const data = toErrorData(error);
          if (controller.signal.aborted || data.code === 'CANCELLED') this.settle({ jobId, status: 'cancelled' });
          else this.settle({ jobId, status: 'failed', error: data });
          throw error;
        },
      );
    // Callers of start() learn the outcome from events only; keep the rejection from being reported as unhandled.
    done.catch(() => undefined);
    return { jobId, done };
  }

  /** Cancels a running job (cooperatively: it stops at its next check of the signal). */
  async cancel(jobId: string): Promise<void> {
    const job = this.local.get(jobId);
    if (job) {
      job.controller.abort();
      return;
    }
    if (this.finished.includes(jobId)) return;
    for (const source of this.sources) {
      if (await source.cancel(jobId)) return;
    }
    throw new AppError('NOT_FOUND', `No running job ${jobId}`);
  }

  /** Forwards the events of jobs that run elsewhere; returns a function that detaches the source. */
  attach(source: JobSource): () => void {
    this.sources.push(source);
    const off = source.subscribe(
      (progress) => {
        this.foreign.add(progress.jobId);
        this.titles.set(progress.jobId, progress.title);
        this.emitProgress(progress);
      },
      (outcome) => {
        this.foreign.delete(outcome.jobId);
        this.titles.delete(outcome.jobId);
        this.remember(outcome.jobId);
        this.emitOutcome(outcome);
      },
    );
    return () => {
      off();
      const i = this.sources.indexOf(source);
      if (i >= 0) this.sources.splice(i, 1);
    };
  }

  /** Listens to every job's progress and outcome; returns the unsubscribe function. */
  subscribe(onProgress: (progress: JobProgress) => void, onOutcome: (outcome: JobOutcome) => void): () => void {
    const listener = { onProgress, onOutcome };
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The in-process jobs still running, plus the running jobs of attached sources. */
  running(): { jobId: string; title: string }[] {
    const foreign = new Set(this.foreign);
    for (const source of this.sources) for (const id of source.running?.() ?? []) foreign.add(id);
    return [
      ...[...this.local].map(([jobId, job]) => ({ jobId, title: job.title })),
      ...[...foreign].map((jobId) => ({ jobId, title: this.titles.get(jobId) ?? 'a worker job' })),
    ];
  }

  /** Cancels every in-process job and waits until they have all settled (used before closing a project). */
  async cancelAllLocal(): Promise<void> {
    const ids = [...this.local.keys()];
    if (ids.length === 0) return;
    const settled = new Promise<void>((resolve) => {
      const off = this.subscribe(
        () => undefined,
        () => {
          if (ids.every((id) => !this.local.has(id))) {
            off();
            resolve();
          }
        },
      );
    });
    for (const id of ids) this.local.get(id)?.controller.abort();
    await settled;
  }

  private settle(outcome: JobOutcome): void {
    this.local.delete(outcome.jobId);
    this.remember(outcome.jobId);
    this.emitOutcome(outcome);
  }

  private remember(jobId: string): void {
    this.finished.push(jobId);
    if (this.finished.length > FINISHED_MEMORY) this.finished.shift();
  }

  private emitProgress(progress: JobProgress): void {
    for (const l of [...this.listeners]) {
      try {
        l.onProgress(progress);
      } catch (error) {
        console.error('job progress listener failed', error);
      }
    }
  }

  private emitOutcome(outcome: JobOutcome): void {
    for (const l of [...this.listeners]) {
      try {
        l.onOutcome(outcome);
      } catch (error) {
        console.error('job outcome listener failed', error);
      }
    }
  }
}
