import type { Api } from '../shared/api';
import { AppError } from '../shared/errors';
import type { Db } from '../project/db';
import { runAlign, type AlignOptions } from '../review/align-job';
import { ReviewService } from '../review/review-service';
import type { JobHub } from './job-hub';
import type { ProjectSession } from './session';

/** The part of the WorkerClient review uses: candidate generation runs as the worker's 'align' job. */
export interface AlignWorker {
  start(type: string, payload: unknown): { jobId: string; result: Promise<unknown> };
}

export interface ReviewHandlerDeps {
  session: ProjectSession;
  hub: JobHub;
  /** The worker; absent (or for an in-memory project) candidates are generated in this process as a hub job. */
  worker?: AlignWorker;
  /** Signs decisions when the curator set no ORCID or name in the preferences. */
  defaultCurator?: string;
}

/** Api['review'] over the open project: every call is synchronous SQLite work except align, which is a job. */
export function createReviewHandlers(deps: ReviewHandlerDeps): Api['review'] {
  const services = new WeakMap<Db, ReviewService>();
  const service = (): ReviewService => {
    const db = deps.session.require().store.db;
    let s = services.get(db);
    if (!s) services.set(db, (s = new ReviewService(db, { defaultCurator: deps.defaultCurator })));
    return s;
  };
  return {
    async align(options) {
      const project = deps.session.require();
      const alignOptions: AlignOptions = { topK: options.topK, csls: options.csls, runId: options.runId };
      if (deps.worker && project.path !== ':memory:') {
        const { jobId, result } = deps.worker.start('align', { projectPath: project.path, options: alignOptions });
        // The outcome reaches the renderer through the hub's job events; nothing to do with it here.
        result.catch(() => undefined);
        return { jobId };
      }
      const jobId = deps.hub.start('Generating candidates', (ctx) =>
        runAlign(project.store.db, alignOptions, {
          signal: ctx.signal,
          onProgress: (value, detail) => ctx.progress({ kind: 'align', title: 'Generating candidates', detail, value }),
        }),
      );
      return { jobId };
    },
    thresholds: async () => service().thresholds(),
    setThresholds: async (list) => service().setThresholds(list),
    bandCounts: async () => service().bandCounts(),
    calibrate: async (kind, precision) => service().calibrate(kind, precision),
    queue: async (query) => service().queue(query),
    decide: async (decision) => service().decide(decision),
    acceptBand: async (kind) => service().acceptBand(kind),
    undo: async () => service().undo(),
    redo: async () => service().redo(),
    history: async (offset, limit) => service().history(offset, limit),
    quality: async () => service().quality(),
    preferences: async () => service().preferences(),
    async setPreferences(preferences) {
      if (preferences === null || typeof preferences !== 'object') throw new AppError('BAD_INPUT', 'preferences must be an object');
      return service().setPreferences(preferences);
    },
  };
}
