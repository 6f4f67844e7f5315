import { AppError } from '../../../shared/errors';
import { ENTITY_REFS, type ImportContext, type ImportRecord, type RecordBatchArray } from '../../import-format';

/** About how many records one yielded batch holds. */
export const BATCH_SIZE = 5000;

/**
 * Collects records into batches of about BATCH_SIZE, reports progress in bytes when a batch is handed out and
 * checks the cancel signal there, so every format gets the same cooperative cancel and progress behaviour.
 */
export class RecordBatch {
  private records: ImportRecord[] = [];
  // Two entity refs per record (see ENTITY_REFS) once a format has pushed one with refs, else null.
  private refs: Int32Array | null = null;
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

  /** Adds one record with its entity refs (see ENTITY_REFS). */
  pushWithRefs(record: ImportRecord, first: number, second = -1): void {
    const i = this.records.length;
    this.records.push(record);
    if (this.refs === null) this.refs = new Int32Array(Math.max(this.size, 16) * 2 + 2).fill(-1);
    else if (2 * i + 1 >= this.refs.length) {
      const bigger = new Int32Array(this.refs.length * 2).fill(-1);
      bigger.set(this.refs);
      this.refs = bigger;
    }
    this.refs[2 * i] = first;
    this.refs[2 * i + 1] = second;
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
    const out: RecordBatchArray = this.records;
    if (this.refs !== null) {
      Object.defineProperty(out, ENTITY_REFS, { value: this.refs, enumerable: false });
      this.refs = null;
    }
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
