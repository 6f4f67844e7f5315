import { AppError } from '../../../shared/errors';
import type { ImportContext, ImportRecord } from '../../import-format';

/** About how many records one yielded batch holds. */
export const BATCH_SIZE = 5000;

/**
 * Collects records into batches of about BATCH_SIZE, reports progress in bytes when a batch is handed out and
 * checks the cancel signal there, so every format gets the same cooperative cancel and progress behaviour.
 */
export class RecordBatch {
  private records: ImportRecord[] = [];
  private rows = 0;
  private phase = 'starting';
  private bytesBefore = 0;
  private bytesInFile = 0;

  constructor(
    private readonly ctx: ImportContext,
    /** Total bytes of all files to read, when known. */
    private readonly totalBytes: number | null,
    private readonly size = BATCH_SIZE,
  ) {}

  /** Adds one record. */
  push(record: ImportRecord): void {
    this.records.push(record);
  }

  /** True when a batch is ready to be yielded. */
  get full(): boolean {
    return this.records.length >= this.size;
  }

  /** Records waiting to be yielded. */
  get pending(): number {
    return this.records.length;
  }

  /** Starts a new phase (usually one file); the bytes of the previous file count as done. */
  startPhase(phase: string): void {
    this.bytesBefore += this.bytesInFile;
    this.bytesInFile = 0;
    this.phase = phase;
    this.report();
  }

  /** How far into the current file we are, in bytes. */
  setFileBytes(bytes: number): void {
    this.bytesInFile = bytes;
  }

  /** Hands out the pending records (after checking for cancel) and reports progress. */
  take(): ImportRecord[] {
    throwIfCancelled(this.ctx.signal);
    const out = this.records;
    this.records = [];
    this.rows += out.length;
    this.report();
    return out;
  }

  /** Reports the current position without handing out records. */
  report(): void {
    this.ctx.onProgress?.({ phase: this.phase, done: this.bytesBefore + this.bytesInFile, total: this.totalBytes, rows: this.rows });
  }
}

/** Throws AppError CANCELLED once the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'import cancelled');
}
