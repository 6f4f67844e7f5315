import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../project/db';
import { AppError } from '../shared/errors';
import type { ExportFormatId, ExportInclude, ExportRequest } from '../shared/dto';
import { EXPORT_WRITERS, previewOf } from '../export/writers';
import { collectLinks, exportMeta } from './export-links';

function writer(format: ExportFormatId) {
  const w = EXPORT_WRITERS[format];
  if (!w) throw new AppError('BAD_INPUT', `unknown export format '${String(format)}'`);
  return w;
}

/** The first lines of an export as it would be written now. */
export function previewExport(db: Db, format: ExportFormatId, include: ExportInclude, lines: number): string {
  return previewOf(writer(format).write(collectLinks(db, include), exportMeta(db)), lines);
}

/** Writes a file whole or not at all: to a temporary name beside it, then renamed over the target (the temporary goes when either step fails). */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${Date.now()}-${process.pid}.mmea-export.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Why a write failed, in words, naming the user's path rather than the temporary file Node's message names. */
function writeFailure(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  switch (code) {
    case 'ENOTDIR': return `a part of ${folder} is a file, not a folder`;
    case 'ENOENT': return `the folder ${folder} does not exist`;
    case 'EACCES': case 'EPERM': return `no permission to write in ${folder}`;
    case 'EROFS': return `${folder} is on a read-only disk`;
    case 'ENOSPC': return 'the disk is full';
    case 'EISDIR': case 'ENOTEMPTY': case 'EEXIST': return `${path} is a folder`;
    default: return (error as Error).message;
  }
}

/**
 * Exports the project's links to `request.path` (a file, or a folder for OpenEA links) and returns how many links
 * were written. File-system refusals become AppError('IO') naming the path.
 */
export function saveExport(db: Db, request: ExportRequest): { path: string; links: number } {
  const links = collectLinks(db, request.include);
  const output = writer(request.format).write(links, exportMeta(db));
  try {
    if (output.kind === 'file') {
      if (existsSync(request.path) && statSync(request.path).isDirectory()) throw new AppError('IO', `${request.path} is a folder; give a file name`);
      writeAtomically(request.path, output.text);
    } else {
      if (existsSync(request.path) && !statSync(request.path).isDirectory()) throw new AppError('IO', `${request.path} is a file; OpenEA links are a folder`);
      for (const [relative, text] of output.files) {
        const target = join(request.path, relative);
        mkdirSync(dirname(target), { recursive: true });
        writeAtomically(target, text);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IO', `Cannot write ${request.path}: ${writeFailure(request.path, error)}`, { cause: error, hint: 'Pick a folder you can write to.' });
  }
  const written = request.format === 'sssom' || request.format === 'csv' ? links.length : links.filter((l) => l.status === 'accepted' || l.status === 'auto').filter((l) => request.format !== 'openea-links' || l.kind !== 'text-image').length;
  return { path: request.path, links: written };
}
