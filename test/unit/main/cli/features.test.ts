import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { featuresCommand } from '../../../../src-main/cli/commands/features';
import { openDatabase } from '../../../../src-main/project/db';
import { writeSyntheticProject } from '../features/synthetic-project';

const flags = join(__dirname, '..', '..', '..', '..', 'node_modules', 'svg-country-flags', 'png100px');

describe('mmea features', () => {
  let dir: string;
  let project: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-clif-'));
    project = join(dir, 'p.mmea');
    const db = writeSyntheticProject(project, { entities: 3 });
    db.prepare('INSERT INTO image (entity, source) VALUES (1, ?), (2, ?)').run(join(flags, 'fr.png'), join(dir, 'gone.png'));
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('computes the bags, then encodes images with the chosen encoder and reports unreadable ones', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await featuresCommand.run([project])).toBe(0);
      expect(await featuresCommand.run([project, '--images', 'descriptor'])).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
      write.mockRestore();
    }
    expect(out[0]).toBe('recomputed: relation, attribute, name');
    expect(out[1]).toBe('relation, attribute and name features are up to date');
    expect(out[2]).toBe('descriptor-v1 (288-d): 1 entities encoded, 0 kept, 1 without a readable image');
    expect(err.join('\n')).toMatch(/gone\.png: no such file/);
    const db = openDatabase(project);
    expect(db.prepare('SELECT entity, encoder FROM image_feature').all()).toEqual([{ entity: 1, encoder: 'descriptor-v1' }]);
    db.close();
  });
});
