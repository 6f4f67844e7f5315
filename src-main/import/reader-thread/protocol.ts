import type { ImportFormatId } from '../../shared/dto';
import type { AppErrorData } from '../../shared/errors';
import type { GraphSide } from '../../shared/model';
import type { ImportProgressInfo } from '../import-format';
import type { EncodedBatch } from '../record-codec';

/** What the reader thread is started with (its workerData): the import's format and context, minus functions. */
export interface ReaderStart {
  format: ImportFormatId;
  paths: Record<string, string>;
  side?: GraphSide;
  options: Record<string, string | number | boolean>;
  /** The project file, for the format's lookups of entities the project already has (read only). */
  projectPath: string;
}

/** Reader thread -> import: progress, a batch, the end, or the error that ended it. */
export type ReaderMessage =
  | { type: 'progress'; info: ImportProgressInfo }
  | { type: 'batch'; batch: EncodedBatch }
  | { type: 'done' }
  | { type: 'error'; error: AppErrorData };

/** Import -> reader thread: one batch was taken, so one more may be sent. */
export interface ReaderAck {
  type: 'ack';
}

/** Batches the reader may send ahead of the writer: enough to keep both threads busy, a bounded amount of memory. */
export const BATCHES_AHEAD = 4;
