/**
 * The import reader thread: runs a format's `read` (parsing and mapping, the CPU-heavy half of an import) on the
 * second core and sends its batches, encoded, to the thread that writes them. Bundled to out/main/import-reader.cjs;
 * started by reader-client.ts from the CLI, the app's worker thread and the browser server alike.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toErrorData } from '../../shared/errors';
import { rdfFormat } from '../formats/rdf';
import type { ImportContext, ImportFormat } from '../import-format';
import { RecordEncoder } from '../record-codec';
import { BATCHES_AHEAD, type ReaderAck, type ReaderMessage, type ReaderStart } from './protocol';
import { ProjectLookup } from './project-lookup';

// Only the formats that allow it (readsInThread), so that the thread loads only what it needs (not sharp, say).
const FORMATS: Partial<Record<string, ImportFormat>> = { rdf: rdfFormat };

const port = parentPort;
if (!port) throw new Error('import-reader must run in a worker thread');

let credits = BATCHES_AHEAD;
let wake: (() => void) | null = null;
port.on('message', (message: ReaderAck) => {
  if (message.type !== 'ack') return;
  credits++;
  wake?.();
  wake = null;
});

function post(message: ReaderMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

async function run(start: ReaderStart): Promise<void> {
  const format = FORMATS[start.format];
  const lookup = new ProjectLookup(start.projectPath);
  try {
    if (!format) throw new AppError('BAD_INPUT', `The import format '${start.format}' cannot be read in a thread`);
    const ctx: ImportContext = {
      paths: start.paths,
      side: start.side,
      options: start.options,
      onProgress: (info) => post({ type: 'progress', info }),
      lookupEntity: (side, iri) => lookup.find(side, iri),
    };
    const encoder = new RecordEncoder();
    for await (const records of format.read(ctx)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const batch = encoder.encode(records);
      post({ type: 'batch', batch }, [batch.types.buffer as ArrayBuffer, batch.ints.buffer as ArrayBuffer]);
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', error: toErrorData(error) });
  } finally {
    lookup.close();
  }
}

void run(workerData as ReaderStart);
