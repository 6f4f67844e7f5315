import type { Db } from '../project/db';
import { AppError } from '../shared/errors';
import type { BackendInfo } from '../shared/dto';
import type { JobProgress } from '../shared/progress';
import type { LogLevel } from './protocol';

/** A JobProgress without its jobId (the worker fills it in). */
export type ProgressUpdate = JobProgress extends infer P ? (P extends JobProgress ? Omit<P, 'jobId'> : never) : never;

/** What a job runner gets inside the worker. */
export interface WorkerJobContext {
  jobId: string;
  /** Fires on a cancel request; runners check it between batches and then throw AppError('CANCELLED'). */
  signal: AbortSignal;
  backend: BackendInfo;
  progress(update: ProgressUpdate): void;
  log(level: LogLevel, message: string): void;
  /** Opens a project file read/write for this job; closed when the job ends. */
  openProject(path: string): Db;
}

/**
 * One kind of job the worker can run. Others plug theirs in by adding a runner to jobs/index.ts (e.g. candidate
 * generation); the payload and result must be structured-clone data.
 */
export interface WorkerJobRunner<P = unknown, R = unknown> {
  type: string;
  /** Checks and narrows the payload; throws AppError('BAD_INPUT') on a malformed one. */
  parse(payload: unknown): P;
  run(payload: P, ctx: WorkerJobContext): Promise<R>;
}

/** Job runners by type. */
export class JobRegistry {
  private readonly runners = new Map<string, WorkerJobRunner>();

  register<P, R>(runner: WorkerJobRunner<P, R>): this {
    if (this.runners.has(runner.type)) throw new Error(`worker job type '${runner.type}' registered twice`);
    this.runners.set(runner.type, runner as unknown as WorkerJobRunner);
    return this;
  }

  get(type: string): WorkerJobRunner | undefined {
    return this.runners.get(type);
  }

  types(): string[] {
    return [...this.runners.keys()];
  }
}

/** Small payload checks shared by runners. */
export function requireString(payload: unknown, key: string): string {
  const value = (payload as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'string' || !value) throw new AppError('BAD_INPUT', `job payload: ${key} must be a non-empty string`);
  return value;
}
