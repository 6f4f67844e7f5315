import type { ImportProgress } from '../shared/progress';
import type { ImportProgressInfo } from './import-format';

/** An importer's progress as the job progress both the worker and the in-process import job report. */
export function importProgress(title: string, info: ImportProgressInfo): Omit<ImportProgress, 'jobId'> {
  return {
    kind: 'import',
    title,
    phase: info.phase,
    rows: info.rows,
    detail: `${info.phase}: ${info.rows.toLocaleString('en')} rows`,
    value: info.total ? Math.min(1, info.done / info.total) : null,
  };
}
