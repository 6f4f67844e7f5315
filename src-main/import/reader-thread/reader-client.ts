import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../shared/errors';
import type { ImportContext, ImportFormat, RecordBatchArray } from '../import-format';
import { RecordDecoder } from '../record-codec';
import type { ReaderAck, ReaderMessage, ReaderStart } from './protocol';
import type { ReaderScript } from './reader-script';

/** An AppError as the reader thread reported it (its message already names file and line: not repeated). */
function fromData(data: AppErrorData): AppError {
  const place = data.file ? `${data.file}${data.line ? `:${data.line}` : ''}: ` : '';
  const reason = place && data.message.startsWith(place) ? data.message.slice(place.length) : data.message;
  return new AppError(data.code, reason, { file: data.file, line: data.line, hint: data.hint });
}

/**
 * A format read by a worker thread (reader-entry.ts) while the caller writes: parsing on one core, SQLite on the
 * other. The thread starts at once, so it loads and parses while the caller is still fingerprinting the files;
 * `batches()` yields the same records as `format.read(ctx)` would (decoded from the compact form they cross in),
 * passes its progress to ctx.onProgress and throws its errors as they were (BAD_INPUT with file and line).
 * `close()` ends the thread; call it in any case (after an error or a cancel, it is the only way it ends).
 */
export class ReaderThread {
  private readonly worker: Worker;
  private readonly inbox: ReaderMessage[] = [];
  private wake: (() => void) | null = null;

  constructor(script: ReaderScript, format: ImportFormat, private readonly ctx: ImportContext, projectPath: string) {
    const start: ReaderStart = { format: format.id, paths: ctx.paths, side: ctx.side, options: ctx.options, projectPath };
    this.worker = 'file' in script ? new Worker(script.file, { workerData: start }) : new Worker(script.code, { eval: true, workerData: start });
    this.worker.on('message', (message: ReaderMessage) => this.deliver(message));
    this.worker.on('error', (error: Error) => this.deliver({ type: 'error', error: { code: 'INTERNAL', message: `import reader failed: ${error.message}` } }));
    this.worker.on('exit', (code) => this.deliver({ type: 'error', error: { code: 'WORKER_CRASHED', message: `the import reader stopped (exit code ${code})` } }));
  }

  /** The format's batches, in order. */
  async *batches(): AsyncGenerator<RecordBatchArray> {
    const decoder = new RecordDecoder();
    for (;;) {
      while (this.inbox.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
      const message = this.inbox.shift()!;
      if (message.type === 'progress') this.ctx.onProgress?.(message.info);
      else if (message.type === 'batch') {
        this.worker.postMessage({ type: 'ack' } satisfies ReaderAck);
        yield decoder.decode(message.batch);
      } else if (message.type === 'done') return;
      else throw fromData(message.error);
    }
  }

  /** Ends the thread (it only reads files: stopping it anywhere is safe). */
  async close(): Promise<void> {
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }

  private deliver(message: ReaderMessage): void {
    this.inbox.push(message);
    this.wake?.();
    this.wake = null;
  }
}
