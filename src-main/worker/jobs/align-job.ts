import { type AlignOptions, type AlignResult, runAlign } from '../../review/align-job';
import { AppError } from '../../shared/errors';
import { requireString, type WorkerJobRunner } from '../job-registry';

/** Payload of the worker's 'align' job: candidate generation from a run's stored embeddings. */
export interface AlignJobPayload {
  projectPath: string;
  options: AlignOptions;
}

/** 'align': review's candidate generation (src-main/review/align-job.ts) as a worker job with progress and cancel. */
export const alignJob: WorkerJobRunner<AlignJobPayload, AlignResult> = {
  type: 'align',
  parse(payload) {
    const projectPath = requireString(payload, 'projectPath');
    const options = (payload as { options?: unknown }).options ?? {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new AppError('BAD_INPUT', 'job payload: options must be an object');
    return { projectPath, options: options as AlignOptions };
  },
  async run(payload, ctx) {
    const db = ctx.openProject(payload.projectPath);
    const title = 'Generating candidates';
    ctx.progress({ kind: 'align', title, value: 0 });
    return runAlign(db, payload.options, {
      signal: ctx.signal,
      onProgress: (fraction, detail) => ctx.progress({ kind: 'align', title, detail, value: fraction }),
    });
  },
};
