import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { runImport } from '../../../../src-main/import/import-service';
import type { ImportProgressInfo, ImportRecord } from '../../../../src-main/import/import-format';
import { AppError } from '../../../../src-main/shared/errors';
import { jsonlFormat, sampleRecords, writeRecords } from './import-service-fake-format';

let dir: string;
let store: ProjectStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-import-'));
  store = ProjectStore.create(join(dir, 'p.mmea'), 'test');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, records: ImportRecord[]): string {
  return writeRecords(join(dir, name), records);
}

/** Every table's row count: "exactly as before" means all of these are equal. */
function tableCounts(): Record<string, number> {
  const tables = ['entity', 'relation', 'rel_triple', 'attribute', 'attr_triple', 'image', 'image_feature', 'gold_link', 'import_log', 'decision_event', 'decision'];
  const counts = Object.fromEntries(tables.map((t) => [t, store.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
  counts.search = store.db.prepare("SELECT count(*) FROM entity_search WHERE entity_search MATCH '\"erli\"'").pluck().get() as number;
  return counts;
}

async function expectError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('runImport', () => {
  it('writes entities, triples, attributes, images, features and gold, creating referenced entities', async () => {
    const result = await runImport(store, jsonlFormat, { paths: { file: file('a.jsonl', sampleRecords()) }, options: {} });
    expect(result.counts).toMatchObject({ entities: 6, relations: 3, relTriples: 4, attributes: 1, attrTriples: 1, images: 1, imageFeatures: 1, gold: 2 });
    const info = store.info();
    expect(info.graphs[0]).toMatchObject({ entities: 4, labelled: 3, relTriples: 3, withRelations: 4, attrTriples: 1, withAttributes: 1, images: 1, withImages: 1 });
    expect(info.graphs[1]).toMatchObject({ entities: 2, relTriples: 1, withImageFeatures: 1 });
    expect(info.gold).toMatchObject({ train: 1, unsplit: 1, total: 2 });
    expect(info.imports).toHaveLength(1);
    expect(info.imports[0].counts.relTriples).toBe(4);
    const france = store.entities.byIri(1, 'http://a.org/France');
    expect(france).toMatchObject({ label: null, kind: 'text' });
    expect(store.graph.search(1, 'Berlin', 5).map((e) => e.iri)).toEqual(['http://a.org/Berlin']);
  });

  it('refuses the same data twice, saying when it was imported, and changes nothing', async () => {
    const path = file('a.jsonl', sampleRecords());
    await runImport(store, jsonlFormat, { paths: { file: path }, options: {} });
    const before = tableCounts();
    const copy = file('copy.jsonl', sampleRecords());
    const error = await expectError(runImport(store, jsonlFormat, { paths: { file: copy }, options: {} }), 'ALREADY_IMPORTED');
    expect(error.message).toMatch(/already imported on \d{4}-\d\d-\d\dT/);
    expect(tableCounts()).toEqual(before);
    // Other options make it a different import.
    await runImport(store, jsonlFormat, { paths: { file: copy }, options: { batch: 7 } });
    expect(tableCounts().rel_triple).toBe(before.rel_triple * 2);
  });

  it('rolls back everything when the format fails halfway, and the project still accepts the import', async () => {
    const many: ImportRecord[] = [...sampleRecords()];
    for (let i = 0; i < 500; i++) many.push({ type: 'relTriple', side: 1, head: `http://a.org/e${i}`, rel: 'http://a.org/r', tail: 'http://a.org/Berlin' });
    await runImport(store, jsonlFormat, { paths: { file: file('base.jsonl', [{ type: 'entity', side: 1, iri: 'http://a.org/Berlin', label: 'Berlin' }]) }, options: {} });
    const before = tableCounts();
    const path = file('many.jsonl', many);
    const error = await expectError(runImport(store, jsonlFormat, { paths: { file: path }, options: { failAt: 450 } }), 'BAD_INPUT');
    expect(error.file).toBe(path);
    expect(error.line).toBe(450);
    expect(tableCounts()).toEqual(before);
    await runImport(store, jsonlFormat, { paths: { file: path }, options: {} });
    expect(tableCounts().rel_triple).toBe(504);
  });

  it('rolls back when cancelled', async () => {
    const before = tableCounts();
    const controller = new AbortController();
    const records = Array.from({ length: 1000 }, (_, i): ImportRecord => ({ type: 'entity', side: 2, iri: `http://b.org/${i}` }));
    const ctx = { paths: { file: file('c.jsonl', records) }, options: {}, signal: controller.signal, onProgress: () => controller.abort() };
    await expectError(runImport(store, jsonlFormat, ctx), 'CANCELLED');
    expect(tableCounts()).toEqual(before);
  });

  it('refuses gold naming an unknown entity (left must be in graph 1, right in graph 2) and writes nothing', async () => {
    const records: ImportRecord[] = [
      { type: 'entity', side: 1, iri: 'x:a' },
      { type: 'entity', side: 2, iri: 'x:b' },
      { type: 'gold', left: 'x:b', right: 'x:a', split: 'train' },
    ];
    const error = await expectError(runImport(store, jsonlFormat, { paths: { file: file('g.jsonl', records) }, options: {} }), 'BAD_INPUT');
    expect(error.message).toContain('x:b is not an entity of graph 1');
    expect(tableCounts().entity).toBe(0);
  });

  it('updates label and kind of an existing entity only where the record gives them, and refines gold splits', async () => {
    await runImport(store, jsonlFormat, { paths: { file: file('a.jsonl', sampleRecords()) }, options: {} });
    const result = await runImport(store, jsonlFormat, {
      paths: { file: file('b.jsonl', [
        { type: 'entity', side: 1, iri: 'http://a.org/Berlin' },
        { type: 'entity', side: 1, iri: 'http://a.org/Paris', kind: 'image' },
        { type: 'label', side: 1, iri: 'http://a.org/France', label: 'Frankreich' },
        { type: 'gold', left: 'http://a.org/Germany', right: 'http://b.org/Deutschland', split: 'test' },
        { type: 'gold', left: 'http://a.org/Berlin', right: 'http://b.org/Berlin_(city)', split: 'unsplit' },
      ]) },
      options: {},
    });
    expect(result.counts).toMatchObject({ entities: 0, entitiesUpdated: 2, gold: 0, goldUpdated: 1 });
    expect(store.entities.byIri(1, 'http://a.org/Berlin')).toMatchObject({ label: 'Berlin', kind: 'text' });
    expect(store.entities.byIri(1, 'http://a.org/Paris')).toMatchObject({ label: 'Paris', kind: 'image' });
    expect(store.gold.counts()).toMatchObject({ train: 1, test: 1, unsplit: 0 });
    // The relabelled entity is found under its new label, and no longer under none.
    expect(store.graph.search(1, 'Frankreich', 5).map((e) => e.iri)).toEqual(['http://a.org/France']);
  });

  it('indexes new entities for search run by run, and reindexes one relabelled after its run was indexed', async () => {
    const records: ImportRecord[] = Array.from({ length: 25_000 }, (_, i): ImportRecord => ({ type: 'entity', side: 1, iri: `http://a.org/e${i}`, label: `Entity ${i}` }));
    // The import indexes the first runs of 10,000 while it reads; e7 changes its label after that.
    records.push({ type: 'label', side: 1, iri: 'http://a.org/e7', label: 'Zanzibar' });
    await runImport(store, jsonlFormat, { paths: { file: file('runs.jsonl', records) }, options: { batch: 1000 } });
    expect(store.graph.search(1, 'Zanzibar', 5).map((e) => e.iri)).toEqual(['http://a.org/e7']);
    // Its old label is gone from the index.
    const e7 = store.entities.byIri(1, 'http://a.org/e7')!.id;
    const underOld = store.db.prepare("SELECT rowid FROM entity_search WHERE entity_search MATCH '\"Entity 7\"'").pluck().all();
    expect(underOld).toHaveLength(10 + 100 + 1000); // Entity 7x, 7xx, 7xxx
    expect(underOld).not.toContain(e7);
    expect(store.graph.search(1, 'Entity 24999', 5).map((e) => e.iri)).toEqual(['http://a.org/e24999']);
    const indexed = store.db.prepare("SELECT count(*) FROM entity_search WHERE entity_search MATCH '\"ntity\"'").pluck().get();
    expect(indexed).toBe(24_999);
  });

  it('never touches curators decisions', async () => {
    await runImport(store, jsonlFormat, { paths: { file: file('a.jsonl', sampleRecords()) }, options: {} });
    const l = store.entities.byIri(1, 'http://a.org/Paris')!.id;
    const r = store.entities.byIri(2, 'http://b.org/Deutschland')!.id;
    const seq = store.db.prepare(`INSERT INTO decision_event (left, right, left_iri, right_iri, verdict, curator, at) VALUES (?, ?, 'http://a.org/Paris', 'http://b.org/Deutschland', 'reject', 'me', '2026-01-01')`).run(l, r).lastInsertRowid;
    store.db.prepare("INSERT INTO decision (left, right, verdict, seq) VALUES (?, ?, 'reject', ?)").run(l, r, seq);
    const snapshot = [store.db.prepare('SELECT * FROM decision_event').all(), store.db.prepare('SELECT * FROM decision').all()];
    await runImport(store, jsonlFormat, { paths: { file: file('b.jsonl', [...sampleRecords(), { type: 'entity', side: 1, iri: 'http://a.org/Paris', label: 'Paris, France' }]) }, options: {} });
    expect([store.db.prepare('SELECT * FROM decision_event').all(), store.db.prepare('SELECT * FROM decision').all()]).toEqual(snapshot);
    expect(store.info().decisions).toBe(1);
  });

  it('reports progress at most about ten times a second, ending with done', async () => {
    const records = Array.from({ length: 5000 }, (_, i): ImportRecord => ({ type: 'entity', side: 1, iri: `x:${i}` }));
    const seen: ImportProgressInfo[] = [];
    await runImport(store, jsonlFormat, { paths: { file: file('p.jsonl', records) }, options: { batch: 10 }, onProgress: (p) => seen.push(p) });
    expect(seen[0].phase).toBe('fingerprint');
    expect(seen.at(-1)).toMatchObject({ phase: 'done', rows: 5000 });
    // 500 batches reported by the format; the throttle lets few through.
    expect(seen.length).toBeLessThan(60);
  });

  it('lets a format look up entities, including ones created earlier in the same import', async () => {
    const found: unknown[] = [];
    const format = {
      ...jsonlFormat,
      async *read(ctx: Parameters<typeof jsonlFormat.read>[0]) {
        yield [{ type: 'entity', side: 1, iri: 'x:img', kind: 'image' } as ImportRecord];
        found.push(ctx.lookupEntity?.(1, 'x:img'), ctx.lookupEntity?.(1, 'x:none'));
      },
    };
    await runImport(store, format, { paths: { file: file('l.jsonl', []) }, options: {} });
    expect(found).toEqual([{ id: expect.any(Number), kind: 'image' }, null]);
  });
});
