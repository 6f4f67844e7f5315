import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Api } from '../shared/api';
import { AppError } from '../shared/errors';
import type { ImportFormat } from '../import/import-format';
import { IMPORT_FORMATS } from '../import/formats';
import { runImport } from '../import/import-service';
import type { ImageUrlFn } from '../project/repositories/image-repository';
import { createCore, type Core } from './core';
import type { ImportRunner } from './import-handlers';
import { storeOpener } from './project-opener';
import { ensureDemoProject } from '../demo/demo-project';
import { WorkerClient } from '../worker/worker-client';
import { createTrainingHandlers } from './training-handlers';
import { createReviewHandlers } from './review-handlers';
import { createExportHandlers } from './export-handlers';

/** What differs between the Electron shell and the browser server. */
export interface ShellOptions {
  /** Electron's userData, or the server's data folder: recent.json and the demo projects live here. */
  dataDir: string;
  dialogs: Api['dialogs'];
  /** The image URL function for one opening of a project (`key` changes each time a project is opened). */
  imageUrlFor: (key: string) => ImageUrlFn;
}

/** The registered import formats, in the wizard's order. */
export function registeredFormats(): ImportFormat[] {
  return Object.values(IMPORT_FORMATS).filter((f): f is ImportFormat => f !== undefined);
}

/** Runs an import through the store's import service in this process (in-memory projects, tests). */
export const serviceImportRunner: ImportRunner = (project, request, hooks) => {
  const format = IMPORT_FORMATS[request.format];
  if (!format) throw new AppError('BAD_INPUT', `The import format '${request.format}' is not available in this build`);
  return runImport(project.store, format, {
    paths: request.paths,
    side: request.side,
    options: request.options ?? {},
    signal: hooks.signal,
    onProgress: hooks.onProgress,
  });
};

/** The real back end for a shell: the project store, the import service, the demo, and every domain's handlers. */
export function createAppCore(options: ShellOptions): Core {
  // Started lazily on the first training or alignment job; TF.js is loaded there, never in this process.
  const worker = new WorkerClient();
  return createCore({
    dataDir: options.dataDir,
    dialogs: options.dialogs,
    opener: storeOpener(options.imageUrlFor),
    demoProject: (variant, ctx) =>
      ensureDemoProject(demoDir(options.dataDir), variant, {
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.progress({
            kind: 'import',
            title: 'Preparing the demo project',
            phase: p.title,
            rows: p.info?.rows ?? 0,
            detail: `step ${p.step} of ${p.steps}: ${p.title}`,
            value: Math.min(1, (p.step - 1 + (p.info?.total ? p.info.done / p.info.total : 0)) / p.steps),
          }),
      }),
    importRunner: serviceImportRunner,
    importFormats: registeredFormats,
    // Imports are long synchronous SQLite work: in the worker thread, the server and the window stay responsive.
    importWorker: worker,
    domains: ({ session, hub }) => {
      // Training and candidate generation run in the one worker thread; its jobs join the hub's events and cancel.
      hub.attach(worker);
      return {
        training: createTrainingHandlers({ session, worker }),
        review: createReviewHandlers({ session, hub, worker, defaultCurator: curatorName() }),
        export: createExportHandlers({ session }),
      };
    },
    dispose: () => worker.close(),
  });
}

/** The login name signs decisions until the curator sets a name or ORCID in the preferences. */
function curatorName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

/** Where a shell keeps the built demo projects. */
export function demoDir(dataDir: string): string {
  return join(dataDir, 'demo');
}
