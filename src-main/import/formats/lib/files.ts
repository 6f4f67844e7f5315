import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ImportContext } from '../../import-format';

/** The size of a regular file, or null when there is no file at that path. */
export async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** The first of `names` that exists as a file in `dir`, or null. */
export async function findFile(dir: string, names: readonly string[]): Promise<string | null> {
  for (const name of names) {
    const path = join(dir, name);
    if ((await fileSize(path)) !== null) return path;
  }
  return null;
}

/** The sum of the sizes of existing files. */
export async function totalSize(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const path of paths) total += (await fileSize(path)) ?? 0;
  return total;
}

/** The path given for a role, or a BAD_INPUT error saying the role is missing. */
export function requirePath(ctx: ImportContext, role: string): string {
  const path = ctx.paths[role];
  if (!path) throw new AppError('BAD_INPUT', `no file given for "${role}"`);
  return path;
}

/** A folder given for a role, checked to exist. */
export async function requireDir(ctx: ImportContext, role: string): Promise<string> {
  const path = requirePath(ctx, role);
  try {
    if ((await stat(path)).isDirectory()) return path;
  } catch {
    throw new AppError('IO', 'folder not found', { file: path });
  }
  throw new AppError('BAD_INPUT', 'expected a folder, found a file', { file: path });
}

/** A file given for a role, checked to exist. */
export async function requireFile(ctx: ImportContext, role: string): Promise<string> {
  const path = requirePath(ctx, role);
  if ((await fileSize(path)) === null) throw new AppError('IO', 'file not found', { file: path });
  return path;
}

/** ctx.side, which single-graph formats need. */
export function requireSide(ctx: ImportContext, format: string): 1 | 2 {
  if (ctx.side !== 1 && ctx.side !== 2) throw new AppError('BAD_INPUT', `${format} imports one graph at a time: say which side (1 or 2)`);
  return ctx.side;
}
