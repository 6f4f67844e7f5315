/**
 * Messages between the main process (WorkerClient) and the training worker thread. Every job-related message
 * carries its jobId; payloads and results are structured-clone data (typed arrays pass as copies).
 */
import type { BackendInfo } from '../shared/dto';
import type { AppErrorData } from '../shared/errors';
import type { JobOutcome, JobProgress } from '../shared/progress';

/** Main -> worker. */
export type WorkerRequest =
  /** Starts job `type` (a key of the worker's job registry) with its payload. */
  | { kind: 'request'; jobId: string; type: string; payload: unknown }
  /** Cooperative cancel: the job's AbortSignal fires; the job stops at its next check (between batches). */
  | { kind: 'cancel'; jobId: string };

/** Severity of a job's log line. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Worker -> main. */
export type WorkerMessage =
  /** Sent once after start-up, when the TF.js backend is chosen (or failed: then `error` is set). */
  | { kind: 'ready'; backend: BackendInfo | null; error?: AppErrorData; jobTypes: string[] }
  | { kind: 'progress'; jobId: string; progress: JobProgress }
  | { kind: 'log'; jobId: string; level: LogLevel; message: string }
  /** The end of a job, sent exactly once per request. */
  | { kind: 'outcome'; jobId: string; outcome: JobOutcome }
  /** The worker will exit after its current messages (its TF.js died): start new jobs on a fresh worker. */
  | { kind: 'retiring'; reason: string }
  /** A failure outside any job's control (an unknown job type, a malformed message). */
  | { kind: 'error'; jobId: string; error: AppErrorData };

/** Options the worker reads from workerData. */
export interface WorkerOptions {
  /** Force one TF.js backend (tests compare backends); by default the fastest that works. */
  backend?: 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  /** Registers the test-only jobs (crash, uncaught throw, slow counting job). */
  debugJobs?: boolean;
}

/** Type guard for messages from the worker (the channel is ours, but a crash can leave anything). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (!value || typeof value !== 'object') return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'ready' || kind === 'progress' || kind === 'log' || kind === 'outcome' || kind === 'retiring' || kind === 'error';
}
