/**
 * One progress shape for every long job (import, feature extraction, training, candidate generation, export),
 * flowing worker -> main -> renderer. `value` is 0..1, or null when the total is unknown.
 */
export interface JobProgressBase {
  jobId: string;
  title: string;
  detail?: string;
  value: number | null;
}

export interface ImportProgress extends JobProgressBase {
  kind: 'import';
  phase: string;
  rows: number;
}

export interface TrainingProgress extends JobProgressBase {
  kind: 'training';
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  loss: number;
  /** Validation metrics, present on epochs where validation ran. */
  valid?: { hits1: number; hits10: number; mrr: number };
  elapsedSeconds: number;
  etaSeconds: number | null;
  backend: string;
  /**
   * Set after the last epoch, while the late views are finished (the final label propagation and iterative
   * training's propagation-only rounds): what runs now. `value` is then null, as their length is not known ahead.
   */
  finishing?: string;
}

export interface GenericProgress extends JobProgressBase {
  kind: 'features' | 'align' | 'export' | 'other';
}

export type JobProgress = ImportProgress | TrainingProgress | GenericProgress;

/** The end of a job, sent once. */
export type JobOutcome =
  | { jobId: string; status: 'done'; result?: unknown }
  | { jobId: string; status: 'cancelled' }
  | { jobId: string; status: 'failed'; error: import('./errors').AppErrorData };
