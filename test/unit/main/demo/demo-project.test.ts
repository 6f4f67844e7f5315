import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../../src-main/cli/main';
import { DEMO_META, demoProjectPath, ensureDemoProject } from '../../../../src-main/demo/demo-project';
import { demoResourcesDir, demoSourceHash } from '../../../../src-main/demo/demo-resources';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { DecisionsRepository } from '../../../../src-main/project/repositories/decisions';

const SOURCES = demoResourcesDir();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-project-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withStore<T>(path: string, fn: (store: ProjectStore) => T): T {
  const store = ProjectStore.open(path);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

// The graph-1 counts are the same in both variants: 244 countries, 243 capitals, 150 languages, 159 currencies,
// 30 regions and subregions; every country has its flag attached.
const GRAPH1 = {
  entities: 826, textEntities: 826, imageEntities: 0, labelled: 826, relations: 7, relTriples: 2038, withRelations: 826,
  attributes: 16, attrTriples: 4120, withAttributes: 553, images: 244, withImages: 244,
};

describe('ensureDemoProject, attributes variant', () => {
  let path: string;
  beforeAll(async () => {
    path = await ensureDemoProject(join(dir, 'a'), 'attributes');
  }, 120_000);

  it('builds demo-attributes.mmea with the exact counts of the sources', () => {
    expect(path).toBe(demoProjectPath(join(dir, 'a'), 'attributes'));
    const info = withStore(path, (s) => s.info());
    expect(info.name).toBe('Demo: countries and flags');
    expect(info.graphs[0]).toMatchObject({ name: 'world-countries (English)', ...GRAPH1 });
    expect(info.graphs[1]).toMatchObject({
      name: 'countries-list (français)', entities: 757, textEntities: 757, imageEntities: 0, labelled: 757, relations: 4, relTriples: 1109,
      attributes: 8, attrTriples: 1236, images: 243, withImages: 243,
    });
    expect(info.gold).toEqual({ train: 427, valid: 61, test: 123, unsplit: 0, total: 611 });
    expect(info.imports.map((i) => i.format)).toEqual(['rdf', 'image-files', 'image-files', 'demo-gold']);
  });

  it('labels graph 2 in French and stores the source hash', () => {
    withStore(path, (s) => {
      expect(s.db.prepare("SELECT label FROM entity WHERE iri = 'https://demo.mmea.studio/kg2/pays/DE'").pluck().get()).toBe('Allemagne');
      expect(s.meta.get(DEMO_META.variant)).toBe('attributes');
      expect(s.meta.get(DEMO_META.sourceHash)).toBe(demoSourceHash(SOURCES, 'attributes'));
    });
  });

  it('reuses an up-to-date file without touching it', async () => {
    const before = statSync(path).mtimeMs;
    expect(await ensureDemoProject(join(dir, 'a'), 'attributes')).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  });
});

describe('ensureDemoProject when the sources change', () => {
  it('rebuilds, and keeps an old file that holds decisions as .previous.mmea', async () => {
    const sources = join(dir, 'sources');
    cpSync(SOURCES, sources, { recursive: true });
    const target = join(dir, 'b');
    const path = await ensureDemoProject(target, 'attributes', { resourcesDir: sources });
    withStore(path, (s) => {
      const [left, right] = s.db.prepare('SELECT left, right FROM gold_link LIMIT 1').raw().get() as [number, number];
      new DecisionsRepository(s.db).record({ left, right, verdict: 'accept', curator: 'test' });
    });
    appendFileSync(join(sources, 'graph1.ttl'), '# edited\n');
    expect(await ensureDemoProject(target, 'attributes', { resourcesDir: sources })).toBe(path);
    withStore(path, (s) => {
      expect(s.meta.get(DEMO_META.sourceHash)).toBe(demoSourceHash(sources, 'attributes'));
      expect(s.info().decisions).toBe(0);
    });
    const previous = join(target, 'demo-attributes.previous.mmea');
    expect(withStore(previous, (s) => s.info().decisions)).toBe(1);
    // A second out-of-date rebuild never overwrites the first keep.
    withStore(path, (s) => {
      const [left, right] = s.db.prepare('SELECT left, right FROM gold_link LIMIT 2').raw().all()[1] as [number, number];
      new DecisionsRepository(s.db).record({ left, right, verdict: 'reject', curator: 'test' });
    });
    appendFileSync(join(sources, 'graph1.ttl'), '# edited again\n');
    await ensureDemoProject(target, 'attributes', { resourcesDir: sources });
    expect(withStore(previous, (s) => s.info().decisions)).toBe(1);
    expect(withStore(join(target, 'demo-attributes.previous-2.mmea'), (s) => s.info().decisions)).toBe(1);
    // No temporary build files are left behind.
    expect(readdirSync(target).filter((f) => f.includes('building'))).toEqual([]);
  }, 120_000);
});

describe('ensureDemoProject, image-nodes variant', () => {
  let path: string;
  beforeAll(async () => {
    path = await ensureDemoProject(join(dir, 'c'), 'image-nodes');
  }, 120_000);

  it('makes the flags of graph 2 image entities, linked to their countries, with their pictures', () => {
    const info = withStore(path, (s) => s.info());
    expect(info.name).toBe('Demo: countries and flag images');
    expect(info.graphs[0]).toMatchObject(GRAPH1);
    expect(info.graphs[1]).toMatchObject({ entities: 1000, textEntities: 757, imageEntities: 243, relations: 5, relTriples: 1352, images: 243, withImages: 243 });
    withStore(path, (s) => {
      const rows = s.db.prepare(`SELECT f.label, c.iri FROM entity f JOIN rel_triple t ON t.head = f.id JOIN relation r ON r.id = t.rel
        JOIN entity c ON c.id = t.tail WHERE f.kind = 'image' AND r.iri = 'http://xmlns.com/foaf/0.1/depicts'`).raw().all() as [string, string][];
      expect(rows).toHaveLength(243);
      // The flag's label comes from its opaque IRI: digits only, so no name n-gram gives the country away.
      for (const [label] of rows) expect(label).toMatch(/^[0-9]{10}$/);
      const withPicture = s.db.prepare("SELECT count(DISTINCT i.entity) FROM image i JOIN entity e ON e.id = i.entity WHERE e.kind = 'image'").pluck().get();
      expect(withPicture).toBe(243);
    });
  });

  it('has text-image gold from graph-1 countries to flag entities, in the country\'s split', () => {
    const info = withStore(path, (s) => s.info());
    expect(info.gold).toEqual({ train: 598, valid: 88, test: 162, unsplit: 0, total: 848 });
    withStore(path, (s) => {
      const kinds = s.db.prepare(`SELECT l.kind || '-' || r.kind AS k, count(*) FROM gold_link g JOIN entity l ON l.id = g.left
        JOIN entity r ON r.id = g.right GROUP BY k ORDER BY k`).raw().all();
      expect(kinds).toEqual([['text-image', 237], ['text-text', 611]]);
      const mismatched = s.db.prepare(`SELECT count(*) FROM gold_link fg JOIN entity f ON f.id = fg.right AND f.kind = 'image'
        JOIN gold_link cg ON cg.left = fg.left JOIN entity c ON c.id = cg.right AND c.kind = 'text' WHERE cg.split <> fg.split`).pluck().get();
      expect(mismatched).toBe(0);
    });
  });

  it('is what `mmea demo` prints, and `mmea info` shows its counts', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['demo', '--variant', 'image-nodes', '--out', path])).toBe(0);
      expect(log).toHaveBeenLastCalledWith(path);
      expect(await runCli(['info', path])).toBe(0);
      const printed = String(log.mock.calls.at(-1)?.[0]);
      expect(printed).toContain('Demo: countries and flag images');
      expect(printed).toMatch(/image entities\s+0\s+243/);
      expect(printed).toContain('gold links  848 (train 598, valid 88, test 162, unsplit 0)');
      expect(await runCli(['demo', '--variant', 'pictures'])).toBe(1);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
