import type { TrainingOptions } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { requireString, type WorkerJobRunner } from '../job-registry';
import { runTraining, type TrainingRunOutcome } from '../training-run';
import type { TrainJobPayload } from './train-payload';

/** 'train': one training run over a project file, streaming TrainingProgress; cancel stops between batches. */
export const trainJob: WorkerJobRunner<TrainJobPayload, TrainingRunOutcome> = {
  type: 'train',
  parse(payload) {
    const projectPath = requireString(payload, 'projectPath');
    const { options, runId } = payload as { options?: unknown; runId?: unknown };
    if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
      throw new AppError('BAD_INPUT', 'job payload: options must be an object');
    }
    if (runId !== undefined && !(Number.isInteger(runId) && (runId as number) > 0)) throw new AppError('BAD_INPUT', 'job payload: runId must be a positive integer');
    return { projectPath, options: (options ?? {}) as TrainingOptions, runId: runId as number | undefined };
  },
  async run(payload, ctx) {
    const db = ctx.openProject(payload.projectPath);
    const outcome = await runTraining(db, payload.options, { signal: ctx.signal, onProgress: (p) => ctx.progress(p), log: ctx.log }, payload.runId);
    if (outcome.status === 'cancelled') throw new AppError('CANCELLED', `training run ${outcome.runId} cancelled`);
    return outcome;
  },
};
