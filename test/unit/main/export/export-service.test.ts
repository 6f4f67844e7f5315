import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { saveExport } from '../../../../src-main/review/export-service';
import { AppError } from '../../../../src-main/shared/errors';
import { createFixtureProject, tempDir } from '../review/project-fixture';

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

function failure(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the export to fail');
}

describe('saveExport to a place it cannot write', () => {
  let db: Db | null = null;
  afterEach(() => {
    db?.close();
    db = null;
  });

  it('names the path the curator gave, not the temporary file, with a hint, and writes nothing', () => {
    const dir = tempDir('mmea-export-');
    db = createFixtureProject(join(dir, 'p.mmea'), { n: 10 });
    const blocker = join(dir, 'somefile');
    writeFileSync(blocker, 'not a folder\n');
    const before = tree(dir);

    const underFile = failure(() => saveExport(db!, { format: 'sameas-nt', include: 'all', path: join(blocker, 'out.nt') }));
    expect(underFile.code).toBe('IO');
    expect(underFile.message).toBe(`Cannot write ${join(blocker, 'out.nt')}: a part of ${blocker} is a file, not a folder`);
    expect(underFile.hint).toBe('Pick a folder you can write to.');

    const missing = join(dir, 'no-such-folder', 'out.nt');
    const noFolder = failure(() => saveExport(db!, { format: 'sssom', include: 'all', path: missing }));
    expect(noFolder.message).toBe(`Cannot write ${missing}: the folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(noFolder.message).not.toContain('.tmp');

    expect(readFileSync(blocker, 'utf8')).toBe('not a folder\n');
    expect(tree(dir)).toEqual(before);
  });

  it('removes its temporary file when the rename over the target fails', () => {
    const dir = tempDir('mmea-export-');
    db = createFixtureProject(join(dir, 'p.mmea'), { n: 10 });
    const out = join(dir, 'openea');
    // ent_links is a non-empty folder: writing the temporary beside it works, renaming over it cannot.
    mkdirSync(join(out, 'ent_links'), { recursive: true });
    writeFileSync(join(out, 'ent_links', 'keep'), 'x');

    const error = failure(() => saveExport(db!, { format: 'openea-links', include: 'all', path: out }));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(`Cannot write ${out}`);
    expect(tree(out)).toEqual(['ent_links', join('ent_links', 'keep')]);
  });
});
