import type { Api } from '../shared/api';
import type { BackendInfo, TrainingOptions } from '../shared/dto';
import { AppError, toErrorData } from '../shared/errors';
import type { Db } from '../project/db';
import { RunsRepository } from '../project/repositories/runs';
import { requestDefaults, trainingDefaults } from '../worker/training-options';
import type { TrainJobPayload } from '../worker/jobs/train-payload';
import type { ProjectSession } from './session';

/** The part of WorkerClient the training handlers use (tests pass a fake). */
export interface TrainingWorker {
  backend(): Promise<BackendInfo>;
  start(type: string, payload: unknown): { jobId: string; result: Promise<unknown> };
}

/** What the training handlers are built from. */
export interface TrainingHandlerDeps {
  session: ProjectSession;
  /** The one WorkerClient of the process; the shell also attaches it to the JobHub as a job source. */
  worker: TrainingWorker;
}

const runsByDb = new WeakMap<Db, RunsRepository>();

/**
 * The runs repository of an open project. The first time a project (connection) is seen, runs still marked
 * 'running' belong to an app that stopped mid-training (this process has started none on it yet): they become
 * failed, so the run list never shows a run that will not finish. A `mmea train` running on the same file at that
 * moment would see its run marked failed until it finishes and writes its real status.
 */
function runsOf(db: Db): RunsRepository {
  let repo = runsByDb.get(db);
  if (!repo) {
    runsByDb.set(db, (repo = new RunsRepository(db)));
    repo.failInterrupted('interrupted: the app stopped while this run was training');
  }
  return repo;
}

/**
 * Api['training']: the backend the worker chose, the default options, starting a training job in the worker, and
 * the list of runs. The run record is created here, before the job starts, so that start() can return its id; if
 * the worker dies mid-run the record is marked failed here too (the worker cannot do it any more).
 */
export function createTrainingHandlers(deps: TrainingHandlerDeps): Api['training'] {
  // Runs started here and not yet ended: one at a time, since two would share the worker's CPU and memory.
  const active = new Map<number, string>();
  return {
    backend: () => deps.worker.backend(),
    defaults: async () => trainingDefaults(),
    async start(options: TrainingOptions) {
      const project = deps.session.require();
      if (project.path === ':memory:') {
        throw new AppError('BAD_INPUT', 'an in-memory project cannot be trained in the worker', { hint: 'Save the project to a file first.' });
      }
      if (active.size > 0) {
        const [[runId, jobId]] = [...active];
        throw new AppError('BUSY', `training run ${runId} is still running (job ${jobId})`, { hint: 'Wait for it to finish or cancel it first.' });
      }
      const merged: TrainingOptions = { ...requestDefaults(options.model), ...stripUndefined(options) };
      const backend = await deps.worker.backend();
      const runs = runsOf(project.store.db);
      const runId = runs.create(backend.name, merged);
      const payload: TrainJobPayload = { projectPath: project.path, options: merged, runId };
      let started: { jobId: string; result: Promise<unknown> };
      try {
        started = deps.worker.start('train', payload);
      } catch (error) {
        runs.finish(runId, 'failed', { error: toErrorData(error).message });
        throw error;
      }
      active.set(runId, started.jobId);
      const done = (): void => void active.delete(runId);
      started.result.then(done, done);
      started.result.catch((error: unknown) => {
        const data = toErrorData(error);
        // The worker closes its own runs (done/cancelled/failed); only a dead worker leaves one 'running'.
        if (data.code === 'WORKER_CRASHED' && !project.store.isClosed && runs.get(runId)?.status === 'running') {
          runs.finish(runId, 'failed', { error: data.message });
        }
      });
      return { jobId: started.jobId, runId };
    },
    runs: async () => runsOf(deps.session.require().store.db).list(),
  };
}

function stripUndefined(options: TrainingOptions): TrainingOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TrainingOptions;
}
