import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../shared/errors';
import type { ImportContext, ImportFormat } from './import-format';

async function hashFile(hash: Hash, path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new AppError('IO', `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (info.isDirectory()) {
    // A folder stands for its files, in a stable order, named relative to it.
    for (const name of (await readdir(path)).sort()) {
      hash.update(`\0dir-entry\0${name}\0`);
      await hashFile(hash, join(path, name));
    }
    return;
  }
  // The length separates files, so that moving bytes from one file to the next changes the fingerprint.
  hash.update(`\0file\0${info.size}\0`);
  // 1 MB reads: with the default 64 KB, hashing an 83 MB file took twice as long (0.24-0.34 s vs 0.11-0.18 s).
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
}

/**
 * The identity of an import: sha256 over the format id, the side, the options and the bytes of the files the format
 * names. Paths are left out on purpose: the same files copied elsewhere are still the same data.
 */
export async function importFingerprint(format: ImportFormat, ctx: ImportContext): Promise<string> {
  const hash = createHash('sha256');
  const options = Object.keys(ctx.options).sort().map((key) => [key, ctx.options[key]]);
  hash.update(JSON.stringify({ format: format.id, side: ctx.side ?? null, options }));
  for (const file of await format.fingerprintFiles(ctx)) await hashFile(hash, file);
  return hash.digest('hex');
}
