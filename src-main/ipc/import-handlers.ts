import type { Api } from '../shared/api';
import type { ImportFormatInfo, ImportRequest, ImportResult } from '../shared/dto';
import { AppError } from '../shared/errors';
import type { ImportFormat, ImportProgressInfo } from '../import/import-format';
import type { JobHub } from './job-hub';
import type { OpenProject, ProjectSession } from './session';
import { previewImport } from './import-preview';
import { importProgress } from '../import/import-progress';

/** Runs one import into the open project (the store's import service, in this process, yielding between batches). */
export type ImportRunner = (
  project: OpenProject,
  request: ImportRequest,
  hooks: { signal: AbortSignal; onProgress: (info: ImportProgressInfo) => void },
) => Promise<ImportResult>;

/** What the import handlers need: the session, the job hub, an in-process runner, the formats, the worker. */
export interface ImportHandlerDeps {
  session: ProjectSession;
  hub: JobHub;
  run: ImportRunner;
  /** The registered format modules (the wizard's list, and role checks before anything starts). */
  formats: () => readonly ImportFormat[];
  /**
   * The worker thread: when given, imports into project files run there as its 'import' job (worker/jobs/
   * import-job.ts), whose progress and outcome reach the hub through the attached worker client. Without it (or
   * for an in-memory project) `run` imports in this process.
   */
  worker?: { start(type: string, payload: unknown): { jobId: string; result: Promise<unknown> } };
}

/** Formats that always fill one graph; RDF does too when given a single `file` rather than graph1/graph2/links. */
const SINGLE_GRAPH = new Set<string>(['image-features', 'image-files']);

/** The wizard's view of a format module. */
export function formatInfo(format: ImportFormat): ImportFormatInfo {
  const singleGraph = SINGLE_GRAPH.has(format.id) || format.roles.some((r) => r.role === 'file');
  return { id: format.id, title: format.title, singleGraph, roles: format.roles.map((r) => ({ ...r })) };
}

/** Api['import']: the formats, a preview of the files, and the import itself as a cancellable job. */
export function createImportHandlers(deps: ImportHandlerDeps): Api['import'] {
  const find = (id: ImportRequest['format']) => deps.formats().find((f) => f.id === id) ?? null;
  return {
    async formats() {
      return deps.formats().map(formatInfo);
    },
    async preview(request) {
      checkRoles(find(request.format), request);
      return previewImport(request);
    },
    async start(request) {
      const project = deps.session.require();
      const format = find(request.format);
      checkRoles(format, request);
      if (deps.worker && project.path !== ':memory:') {
        const { jobId, result } = deps.worker.start('import', { projectPath: project.path, request });
        // The outcome reaches the renderer through the hub's job events.
        result.catch(() => undefined);
        return { jobId };
      }
      const title = `Import ${format?.title ?? request.format}`;
      const jobId = deps.hub.start(title, async (ctx) => {
        ctx.progress({ kind: 'import', title, phase: 'starting', rows: 0, value: 0 });
        return deps.run(project, request, {
          signal: ctx.signal,
          onProgress: (info) => ctx.progress(importProgress(title, info)),
        });
      });
      return { jobId };
    },
  };
}

/** Refuses requests that miss a required file or name a role the format does not have. */
function checkRoles(format: ImportFormat | null, request: ImportRequest): void {
  if (!format) {
    throw new AppError('BAD_INPUT', `The import format '${request.format}' is not available in this build`);
  }
  const known = new Set(format.roles.map((r) => r.role));
  for (const role of Object.keys(request.paths)) {
    if (!known.has(role)) {
      throw new AppError('BAD_INPUT', `${format.title} has no file role '${role}' (it takes: ${[...known].join(', ')})`);
    }
  }
  const missing = format.roles.filter((r) => !r.optional && !request.paths[r.role]);
  if (missing.length > 0) {
    throw new AppError('BAD_INPUT', `${format.title} needs ${missing.map((r) => r.title).join(', ')}`, { hint: 'Pick the missing files.' });
  }
}
