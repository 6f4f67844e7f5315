import { join } from 'node:path';
import type { Api } from '../shared/api';
import type { ImportFormat } from '../import/import-format';
import { JobHub } from './job-hub';
import { RecentProjects } from './recent-projects';
import { ProjectSession, type ProjectOpener } from './session';
import { createProjectHandlers, type DemoProvider } from './project-handlers';
import { createGraphHandlers } from './graph-handlers';
import { createImportHandlers, type ImportHandlerDeps, type ImportRunner } from './import-handlers';
import { createDispatch, unavailableDomain, type Dispatch, type HandlerTable } from './registry';

/** What the handlers of a domain owned elsewhere (training, review, export) get to build themselves. */
export interface DomainContext {
  session: ProjectSession;
  hub: JobHub;
}

/** Domains whose handlers other modules provide; each is optional until its module is wired in. */
export type ExtraDomains = Partial<Pick<HandlerTable, 'training' | 'review' | 'export'>>;

/** Everything the core is built from; the shells pass the real modules (wiring.ts), tests pass small ones. */
export interface CoreOptions {
  /** The app's data folder: recent.json lives here. */
  dataDir: string;
  /** Native dialogs in Electron; the server's return null. */
  dialogs: Api['dialogs'];
  opener: ProjectOpener;
  demoProject: DemoProvider;
  importRunner: ImportRunner;
  importFormats: () => readonly ImportFormat[];
  /** Runs imports (and the domains' heavy jobs) off the main thread when given; see import-handlers.ts. */
  importWorker?: ImportHandlerDeps['worker'];
  /** Builds the handlers of the domains owned by other modules, once the session and hub exist. */
  domains?: (ctx: DomainContext) => ExtraDomains;
  /** Runs on shutdown after in-process jobs were cancelled, before the project is closed (stops the worker). */
  dispose?: () => Promise<void>;
}

/** The transport-independent back end: one session, one job hub, one handler table, one dispatch. */
export interface Core {
  session: ProjectSession;
  hub: JobHub;
  recent: RecentProjects;
  table: HandlerTable;
  dispatch: Dispatch;
  /** Cancels running in-process jobs, stops the worker, and closes the project (on quit). */
  shutdown(): Promise<void>;
}

/** Builds the back end both shells share; the shells differ only in dialogs, image URLs and how they listen. */
export function createCore(options: CoreOptions): Core {
  const hub = new JobHub();
  const session = new ProjectSession(() => hub.running().map((j) => j.title));
  const recent = new RecentProjects(join(options.dataDir, 'recent.json'));
  const extra = options.domains?.({ session, hub }) ?? {};
  const table: HandlerTable = {
    project: createProjectHandlers({ session, hub, opener: options.opener, recent, demoProject: options.demoProject }),
    graph: createGraphHandlers({ session }),
    import: createImportHandlers({ session, hub, run: options.importRunner, formats: options.importFormats, worker: options.importWorker }),
    training: extra.training ?? unavailableDomain('training', 'Training'),
    review: extra.review ?? unavailableDomain('review', 'Review'),
    export: extra.export ?? unavailableDomain('export', 'Export'),
    jobs: { cancel: (jobId) => hub.cancel(jobId) },
    dialogs: options.dialogs,
  };
  return {
    session,
    hub,
    recent,
    table,
    dispatch: createDispatch(table),
    async shutdown() {
      await hub.cancelAllLocal();
      // Before closing the project: stopping the worker fails its running jobs, and their handlers may still need
      // the open project to record that (a training run marked failed rather than left 'running').
      await options.dispose?.();
      session.close(true);
    },
  };
}
