import type { ImportRequest, ImportResult } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { IMPORT_FORMATS } from '../../import/formats';
import { runImport } from '../../import/import-service';
import { ProjectStore } from '../../project/project-store';
import { requireString, type WorkerJobRunner } from '../job-registry';
import { importProgress } from '../../import/import-progress';

/** Payload of the worker's 'import' job: one import request into a project file. */
export interface ImportJobPayload {
  projectPath: string;
  request: ImportRequest;
}

/**
 * 'import': the store's import service (one transaction on its own connection) run in the worker thread, so that
 * parsing and inserting millions of rows never holds up the main process's event loop (the browser server and
 * the Electron IPC stay responsive). The request was validated by the IPC layer; the format is checked again here.
 */
export const importJob: WorkerJobRunner<ImportJobPayload, ImportResult> = {
  type: 'import',
  parse(payload) {
    const projectPath = requireString(payload, 'projectPath');
    const request = (payload as { request?: unknown }).request as ImportRequest | undefined;
    if (!request || typeof request !== 'object' || typeof request.paths !== 'object' || request.paths === null) {
      throw new AppError('BAD_INPUT', 'job payload: request must be an import request');
    }
    return { projectPath, request };
  },
  async run({ projectPath, request }, ctx) {
    const format = IMPORT_FORMATS[request.format];
    if (!format) throw new AppError('BAD_INPUT', `The import format '${request.format}' is not available in this build`);
    const title = `Import ${format.title}`;
    ctx.progress({ kind: 'import', title, phase: 'starting', rows: 0, value: 0 });
    const store = ProjectStore.open(projectPath);
    try {
      return await runImport(store, format, {
        paths: request.paths,
        side: request.side,
        options: request.options ?? {},
        signal: ctx.signal,
        onProgress: (info) => ctx.progress(importProgress(title, info)),
      });
    } finally {
      store.close();
    }
  },
};
