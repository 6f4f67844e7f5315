import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../../../src-main/import/formats';
import { runImport } from '../../../../../src-main/import/import-service';
import type { ImportContext } from '../../../../../src-main/import/import-format';
import { ProjectStore } from '../../../../../src-main/project/project-store';
import { AppError } from '../../../../../src-main/shared/errors';

const dir = mkdtempSync(join(tmpdir(), 'mmea-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => delete process.env.MMEA_IMPORT_READER);

const rdf = IMPORT_FORMATS.rdf;
const A = 'http://a.example.org/';

/** A graph-1 file of every kind of line: labels, relations, literals, a blank node, escapes, sameAs. */
function graphFile(name: string, entities: number, extra = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < entities; i++) {
    lines.push(`<${A}e${i}> <http://www.w3.org/2000/01/rdf-schema#label> "Entity ${i}"@${i % 3 ? 'en' : 'fr'} .`);
    lines.push(`<${A}e${i}> <${A}rel${i % 7}> <${A}e${(i * 7919) % entities}> .`);
    if (i % 5 === 0) lines.push(`<${A}e${i}> <${A}size> "${i}"^^<http://www.w3.org/2001/XMLSchema#integer> .`);
  }
  lines.push(`_:b1 <${A}near> <${A}e1> .`, `<${A}e2> <${A}motto> "caf\\u00E9 \\"quoted\\""@fr .`, `<${A}e3> <http://www.w3.org/2002/07/owl#sameAs> <http://b.example.org/x> .`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n' + extra);
  return path;
}

function newStore(name: string): ProjectStore {
  return ProjectStore.create(join(dir, name), 'test');
}

/** Everything an import writes, by IRI (ids may differ), in a stable order. */
function dump(store: ProjectStore): Record<string, unknown> {
  const all = (sql: string) => store.db.prepare(sql).raw().all();
  return {
    entities: all('SELECT side, iri, label, kind FROM entity ORDER BY id'),
    triples: all('SELECT h.iri, r.iri, t.iri FROM rel_triple JOIN entity h ON h.id = head JOIN relation r ON r.id = rel JOIN entity t ON t.id = tail ORDER BY 1, 2, 3'),
    attributes: all('SELECT e.iri, a.iri, value, datatype, lang FROM attr_triple JOIN entity e ON e.id = entity JOIN attribute a ON a.id = attr ORDER BY 1, 2, 3'),
    gold: all('SELECT l.iri, r.iri FROM gold_link JOIN entity l ON l.id = left JOIN entity r ON r.id = right ORDER BY 1'),
    search: store.db.prepare("SELECT count(*) FROM entity_search WHERE entity_search MATCH '\"ntity 1\"'").pluck().get(),
    counts: store.info().imports.map((i) => i.counts),
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('RDF read by the reader thread', () => {
  it('writes exactly what reading on the import thread writes', async () => {
    const file = graphFile('g1.nt', 12_000);
    const ctx: ImportContext = { paths: { file }, side: 1, options: {} };
    const inline = newStore('inline.mmea');
    process.env.MMEA_IMPORT_READER = 'inline';
    await runImport(inline, rdf, ctx);
    process.env.MMEA_IMPORT_READER = 'thread'; // a missing thread would be an error
    const threaded = newStore('thread.mmea');
    const result = await runImport(threaded, rdf, ctx);
    expect(result.counts).toMatchObject({ entities: 12_002, relTriples: 12_002, attrTriples: 2_401 });
    expect(dump(threaded)).toEqual(dump(inline));
    inline.close();
    threaded.close();
  });

  it('turns sameAs to an entity the project has in the other graph into gold (the thread asks the project file)', async () => {
    const store = newStore('same.mmea');
    writeFileSync(join(dir, 'g2.nt'), '<http://b.example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n');
    process.env.MMEA_IMPORT_READER = 'thread';
    await runImport(store, rdf, { paths: { file: join(dir, 'g2.nt') }, side: 2, options: {} });
    const result = await runImport(store, rdf, { paths: { file: graphFile('g1-same.nt', 50) }, side: 1, options: {} });
    expect(result.counts.gold).toBe(1);
    expect(dump(store).gold).toEqual([[`${A}e3`, 'http://b.example.org/x']]);
    store.close();
  });

  it('fails with the bad line\'s file, line and reason, and leaves the project as it was', async () => {
    const store = newStore('bad.mmea');
    const file = graphFile('bad.nt', 12_000, `<${A}x> <${A}p> "unterminated .\n`);
    process.env.MMEA_IMPORT_READER = 'thread';
    const error = await expectCode(runImport(store, rdf, { paths: { file }, side: 1, options: {} }), 'BAD_INPUT');
    expect(error.file).toBe(file);
    expect(error.line).toBe(12_000 * 2 + 2_400 + 3 + 1);
    expect(error.message).toMatch(/^\S+bad\.nt:26404: RDF syntax error: Unexpected ""unterminated/);
    expect(store.info().graphs[0].entities).toBe(0);
    // The same error as on the import thread, word for word.
    process.env.MMEA_IMPORT_READER = 'inline';
    const inline = await expectCode(runImport(store, rdf, { paths: { file }, side: 1, options: {} }), 'BAD_INPUT');
    expect([inline.message, inline.file, inline.line, inline.hint]).toEqual([error.message, error.file, error.line, error.hint]);
    store.close();
  });

  it('stops on cancel and on a second import of the same data, leaving the project as it was', async () => {
    const store = newStore('cancel.mmea');
    const file = graphFile('cancel.nt', 20_000);
    process.env.MMEA_IMPORT_READER = 'thread';
    const controller = new AbortController();
    const onProgress = (p: { rows: number }) => p.rows > 0 && controller.abort();
    await expectCode(runImport(store, rdf, { paths: { file }, side: 1, options: {}, signal: controller.signal, onProgress }), 'CANCELLED');
    expect(store.info().graphs[0].entities).toBe(0);
    await runImport(store, rdf, { paths: { file }, side: 1, options: {} });
    const before = dump(store);
    await expectCode(runImport(store, rdf, { paths: { file }, side: 1, options: {} }), 'ALREADY_IMPORTED');
    expect(dump(store)).toEqual(before);
    store.close();
  });
});
