import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ImportPreview, ImportRequest } from '../shared/dto';
import { AppError } from '../shared/errors';

/** Bytes read from the start of each file: enough for the sample lines and a row estimate, never the whole file. */
const HEAD_BYTES = 64 * 1024;
const SAMPLE_LINES = 5;
/** Files of a folder that are sampled and counted (a folder of 10,000 images is listed, not read). */
const MAX_FILES_PER_FOLDER = 16;

interface Head {
  lines: string[];
  /** Estimated line count of the whole file; 0 for binary files. */
  rows: number;
}

/**
 * What the import wizard shows before importing: the first lines of every file the request names (for a folder,
 * of the files in it) and an estimate of the number of rows, from the file sizes and the sampled line lengths.
 */
export async function previewImport(request: ImportRequest): Promise<ImportPreview> {
  const samples: ImportPreview['samples'] = [];
  let estimatedRows = 0;
  for (const [role, rawPath] of Object.entries(request.paths)) {
    const path = resolve(rawPath);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new AppError(error.code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `${role}: cannot read ${path} (${error.code ?? error.message})`, {
        hint: 'Check the path, or pick the file again.',
      });
    });
    if (info.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true }))
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort();
      for (const name of entries.slice(0, MAX_FILES_PER_FOLDER)) {
        const head = await readHead(join(path, name));
        samples.push({ role, path: join(path, name), lines: head.lines });
        estimatedRows += head.rows;
      }
      if (entries.length > MAX_FILES_PER_FOLDER) {
        samples.push({ role, path, lines: [`… and ${entries.length - MAX_FILES_PER_FOLDER} more files`] });
      }
    } else {
      const head = await readHead(path);
      samples.push({ role, path, lines: head.lines });
      estimatedRows += head.rows;
    }
  }
  return { format: request.format, samples, estimatedRows };
}

/** The first lines of a text file and its estimated line count; binary files are described, not shown. */
export async function readHead(path: string): Promise<Head> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const whole = bytesRead >= size;
    let text: string;
    try {
      if (bytes.includes(0)) throw new Error('NUL byte');
      // A cut in the middle of a multi-byte character is expected at the end of a partial read: drop the last line.
      text = new TextDecoder('utf-8', { fatal: true }).decode(whole ? bytes : bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1));
    } catch {
      return { lines: [`(binary file, ${formatBytes(size)})`], rows: 0 };
    }
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const nonEmpty = lines.filter((l) => l.trim() !== '').length;
    const sampledBytes = whole ? size : Buffer.byteLength(text);
    const rows = whole ? nonEmpty : sampledBytes > 0 ? Math.round((nonEmpty / sampledBytes) * size) : 0;
    return { lines: lines.slice(0, SAMPLE_LINES).map((l) => (l.length > 500 ? `${l.slice(0, 500)}…` : l)), rows };
  } finally {
    await handle.close();
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
