import type { ImportRecord } from '../../import-format';
import { readLineChunks } from './line-reader';
import { type RecordBatch } from './record-batch';

/**
 * Reads `path` line by line as one progress phase; `handle` pushes records into `out`, and full batches are
 * yielded as they fill. The caller yields what is left at the very end (`out.take()`).
 */
export async function* scanLines(
  path: string,
  out: RecordBatch,
  phase: string,
  handle: (line: string, lineNumber: number) => void,
): AsyncGenerator<ImportRecord[]> {
  out.startPhase(phase);
  for await (const chunk of readLineChunks(path)) {
    out.setFileBytes(chunk.bytesRead);
    const { lines, firstLine } = chunk;
    for (let i = 0; i < lines.length; i++) {
      handle(lines[i], firstLine + i);
      if (out.full) yield out.take();
    }
  }
}
