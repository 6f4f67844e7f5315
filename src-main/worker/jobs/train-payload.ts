import type { TrainingOptions } from '../../shared/dto';

/** Payload of the worker's 'train' job (plain data; kept apart from the runner so the main process can import it). */
export interface TrainJobPayload {
  projectPath: string;
  options: TrainingOptions;
  /** A run record created by the caller (state 'running'); without one the job creates its own. */
  runId?: number;
}
