import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { SCHEMA_VERSION } from '../../../../src-main/project/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ProjectStore', () => {
  it('creates a named project, reopens it and reports empty counts', () => {
    const path = join(dir, 'p.mmea');
    const created = ProjectStore.create(path, '  Cities  ');
    created.close();
    const store = ProjectStore.open(path);
    const info = store.info();
    expect(info).toMatchObject({ path, name: 'Cities', schemaVersion: SCHEMA_VERSION, decisions: 0, runs: 0, imports: [] });
    expect(Date.parse(info.createdAt)).not.toBeNaN();
    expect(info.graphs.map((g) => [g.side, g.name, g.entities, g.withRelations])).toEqual([[1, 'KG1', 0, 0], [2, 'KG2', 0, 0]]);
    expect(info.gold).toEqual({ train: 0, valid: 0, test: 0, unsplit: 0, total: 0 });
    store.close();
    expect(store.isClosed).toBe(true);
  });

  it('refuses to create over an existing file', () => {
    const path = join(dir, 'p.mmea');
    writeFileSync(path, 'precious');
    expect(() => ProjectStore.create(path, 'x')).toThrow(/already exists/);
  });

  it('keeps preferences and graph names in the project', () => {
    const path = join(dir, 'p.mmea');
    const store = ProjectStore.create(path, 'x');
    expect(store.meta.preferences()).toEqual({ curator: '', blindMode: false });
    store.meta.setPreferences({ curator: '0000-0002-1825-0097', blindMode: true });
    store.meta.setGraphName(2, 'French DBpedia');
    store.close();
    const again = ProjectStore.open(path);
    expect(again.meta.preferences()).toEqual({ curator: '0000-0002-1825-0097', blindMode: true });
    expect(again.info().graphs[1].name).toBe('French DBpedia');
    again.close();
  });

  it('gives a writer connection that sees committed data of the main one and vice versa', () => {
    const store = ProjectStore.create(join(dir, 'p.mmea'), 'x');
    const writer = store.openWriter();
    writer.db.prepare("INSERT INTO entity (side, iri) VALUES (1, 'x:a')").run();
    expect(store.entities.byIri(1, 'x:a')).toBeDefined();
    writer.close();
    store.close();
  });
});
