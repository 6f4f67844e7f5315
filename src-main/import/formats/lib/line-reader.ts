import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { AppError, badInput } from '../../../shared/errors';

/** A run of whole lines from a text file; `firstLine` is 1-based, `bytesRead` counts the file's bytes so far. */
export interface LineChunk {
  lines: string[];
  firstLine: number;
  bytesRead: number;
}

const NEWLINE = 0x0a;
const DEFAULT_CHUNK_BYTES = 1 << 20;

/** A run of whole lines as bytes (the line break after the last one left out) and the file's bytes read so far. */
export interface ByteChunk {
  bytes: Buffer;
  bytesRead: number;
}

/**
 * Streams a file as runs of whole lines, as bytes: each chunk ends at a line break (left out), the last one at the
 * end of the file. A leading BOM is dropped. Splitting a chunk's bytes at '\n' gives its lines, as many as a
 * string split would: consumers count lines themselves. Bytes are not checked here (see readLineChunks and
 * assertUtf8).
 */
export async function* readWholeLines(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<ByteChunk> {
  let carry: Buffer | null = null;
  let bytesRead = 0;
  let atStart = true;
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      bytesRead += piece.length;
      let data: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
      if (atStart) {
        data = dropBom(data);
        atStart = false;
      }
      const last = data.lastIndexOf(NEWLINE);
      if (last < 0) {
        carry = data;
        continue;
      }
      carry = Buffer.from(data.subarray(last + 1));
      yield { bytes: data.subarray(0, last), bytesRead };
    }
  } catch (error) {
    throw ioError(path, error);
  }
  if (carry && carry.length > 0) yield { bytes: carry, bytesRead };
}

/**
 * Streams a text file as chunks of lines, never holding the whole file. Strict UTF-8 (a bad byte sequence is
 * BAD_INPUT "invalid UTF-8" with its line), a leading BOM is dropped and CRLF endings are tolerated. Decoding a
 * whole chunk at once keeps the hot path fast; only on failure do we decode line by line to find the culprit.
 */
export async function* readLineChunks(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<LineChunk> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let nextLine = 1;
  for await (const chunk of readWholeLines(path, chunkBytes)) {
    const lines = decodeLines(chunk.bytes, path, nextLine, decoder);
    yield { lines, firstLine: nextLine, bytesRead: chunk.bytesRead };
    nextLine += lines.length;
  }
}

/** Throws BAD_INPUT "invalid UTF-8" naming the first bad line unless `bytes` (whose first line is `firstLine`) is UTF-8. */
export function assertUtf8(bytes: Uint8Array, path: string, firstLine: number): void {
  if (!isUtf8(bytes)) throw badInput(path, firstLine + findBadLine(bytes, new TextDecoder('utf-8', { fatal: true })), 'invalid UTF-8');
}

/** Calls `each(line, lineNumber)` for every line; a convenience for small files (gold links, id lists). */
export async function forEachLine(path: string, each: (line: string, lineNumber: number) => void, onBytes?: (bytesRead: number) => void): Promise<void> {
  for await (const chunk of readLineChunks(path)) {
    onBytes?.(chunk.bytesRead);
    for (let i = 0; i < chunk.lines.length; i++) each(chunk.lines[i], chunk.firstLine + i);
  }
}

function dropBom(data: Buffer): Buffer {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

function decodeLines(bytes: Uint8Array, path: string, firstLine: number, decoder: TextDecoder): string[] {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw badInput(path, firstLine + findBadLine(bytes, decoder), 'invalid UTF-8');
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/** The 0-based index of the first line in `bytes` that is not valid UTF-8. */
function findBadLine(bytes: Uint8Array, decoder: TextDecoder): number {
  let start = 0;
  for (let index = 0; ; index++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return index;
    }
    if (end >= bytes.length) return index;
    start = end + 1;
  }
}

/** Keeps AppErrors as they are and turns file system failures into IO errors naming the file. */
export function ioError(path: string, error: unknown): Error {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error)?.message ?? String(error);
  return new AppError('IO', reason, { file: path, cause: error });
}
