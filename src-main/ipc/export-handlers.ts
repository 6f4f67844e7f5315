import type { Api } from '../shared/api';
import { previewExport, saveExport } from '../review/export-service';
import type { ProjectSession } from './session';

export interface ExportHandlerDeps {
  session: ProjectSession;
}

/** Api['export']: a preview of the first lines, and saving the curated links in one of the formats. */
export function createExportHandlers(deps: ExportHandlerDeps): Api['export'] {
  return {
    preview: async (format, include, lines) => previewExport(deps.session.require().store.db, format, include, lines),
    save: async (request) => saveExport(deps.session.require().store.db, request),
  };
}
