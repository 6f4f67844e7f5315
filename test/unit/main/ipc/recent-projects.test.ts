import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentProjects } from '../../../../src-main/ipc/recent-projects';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mmea-recent-'));
  let t = Date.parse('2026-01-01T00:00:00Z');
  const recent = new RecentProjects(join(dir, 'sub', 'recent.json'), () => new Date((t += 1000)));
  const file = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, '');
    return path;
  };
  return { dir, recent, file };
}

describe('RecentProjects', () => {
  it('keeps the most recent first, without duplicates, at most MAX_RECENT', () => {
    const { recent, file } = setup();
    const a = file('a.mmea');
    const b = file('b.mmea');
    recent.add(a, 'A');
    recent.add(b, 'B');
    recent.add(a, 'A again');
    expect(recent.list().map((p) => [p.path, p.name])).toEqual([[a, 'A again'], [b, 'B']]);
    for (let i = 0; i < MAX_RECENT + 3; i++) recent.add(file(`p${i}.mmea`), `P${i}`);
    expect(recent.list()).toHaveLength(MAX_RECENT);
    expect(recent.list()[0].name).toBe(`P${MAX_RECENT + 2}`);
  });

  it('leaves out projects whose file is gone, and survives a damaged file', () => {
    const { dir, recent, file } = setup();
    recent.add(join(dir, 'gone.mmea'), 'Gone');
    const kept = file('kept.mmea');
    recent.add(kept, 'Kept');
    expect(recent.list().map((p) => p.name)).toEqual(['Kept']);
    writeFileSync(join(dir, 'sub', 'recent.json'), '{not json');
    expect(recent.list()).toEqual([]);
    recent.add(kept, 'Kept');
    expect(JSON.parse(readFileSync(join(dir, 'sub', 'recent.json'), 'utf8'))).toHaveLength(1);
    recent.remove(kept);
    expect(recent.list()).toEqual([]);
  });
});
