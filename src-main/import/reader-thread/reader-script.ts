import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

/** The bundled reader thread's file name, next to the bundle that starts it (out/main for the CLI and worker). */
export const READER_BUNDLE = 'import-reader.cjs';

/** Inputs smaller than this are read on the import's own thread (unless MMEA_IMPORT_READER=thread). */
export const THREAD_MIN_BYTES = 8 << 20;

/** How to start the reader thread: a bundled file, or (from source) code that loads the TypeScript entry. */
export type ReaderScript = { file: string } | { code: string };

/**
 * Where the reader thread is, or null where there is none (the import then reads on its own thread, with the same
 * result, only slower). Bundled code (out/main/cli.cjs, out/main/worker.cjs, a benchmark bundle) looks next to
 * itself (build-main.ts writes import-reader.cjs there); source run by tsx or vitest starts the TypeScript entry
 * through tsx's loader, so a test never runs a stale bundle.
 * By default the thread is used only for inputs of at least THREAD_MIN_BYTES and where two cores are free for
 * the import's two threads (1-minute load average, taken before the import starts, at most the number of cores
 * less one and a half): its start-up (0.12-0.15 s) outweighs the overlap below about 8 MB (parsing takes about
 * 18 ms per MB), and where the two threads must take turns on one core, the thread's own costs (start-up, sending
 * batches) made the 600,000-line import slower: about 15% at a load of 5 on 2 cores, and 3.3-4.1 s against
 * 2.7-3.2 s with one of the 2 cores taken by another process.
 * MMEA_IMPORT_READER=inline never uses it; MMEA_IMPORT_READER=thread always does, and a missing thread is then an
 * error (for tests of the bundles).
 */
export function readerScript(inputBytes: number): ReaderScript | null {
  const mode = process.env.MMEA_IMPORT_READER;
  if (mode === 'inline' || (mode !== 'thread' && (inputBytes < THREAD_MIN_BYTES || !coreToSpare()))) return null;
  const script = findScript();
  if (!script && mode === 'thread') {
    throw new AppError('INTERNAL', `the import reader thread (${READER_BUNDLE}) is missing next to ${__dirname}`, { hint: 'Run `npm run build:main`.' });
  }
  return script;
}

function coreToSpare(): boolean {
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0] <= cores - 1.5;
}

function findScript(): ReaderScript | null {
  if (__filename.endsWith('.ts')) {
    let tsx: string;
    try {
      tsx = createRequire(__filename).resolve('tsx/cjs');
    } catch {
      return null;
    }
    return { code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(join(__dirname, 'reader-entry.ts'))});` };
  }
  // Only next to this bundle: one from another build could speak another version of the protocol.
  const file = join(__dirname, READER_BUNDLE);
  return existsSync(file) ? { file } : null;
}
