import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../../src-main/import/formats';
import { runImport } from '../../../../src-main/import/import-service';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { matchKindOf, type EntityKind, type MatchKind } from '../../../../src-main/shared/model';

/**
 * Images as entities ("image nodes", issue 6) through each importer that can declare them, written into a real
 * project: the entity kind, relations between images and text entities (and between images), gold of every
 * match kind, and attribute images coexisting with image nodes in one project.
 */

const IMAGES = join(__dirname, '..', '..', '..', 'fixtures', 'import', 'image-files', 'images');
const FOAF_DEPICTS = 'http://xmlns.com/foaf/0.1/depicts';

let dir: string;
let store: ProjectStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-cross-modal-'));
  store = ProjectStore.create(join(dir, 'p.mmea'), 'cross-modal');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(relative: string, text: string): string {
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function kindOf(side: 1 | 2, iri: string): EntityKind | undefined {
  return store.entities.byIri(side, iri)?.kind;
}

/** Relation triples as "head rel tail" IRIs of one graph, sorted. */
function triples(side: 1 | 2): string[] {
  return (store.db.prepare(
    `SELECT h.iri AS h, r.iri AS r, t.iri AS t FROM rel_triple x JOIN entity h ON h.id = x.head JOIN relation r ON r.id = x.rel
     JOIN entity t ON t.id = x.tail WHERE h.side = ? ORDER BY 1, 2, 3`,
  ).all(side) as { h: string; r: string; t: string }[]).map((x) => `${x.h} ${x.r} ${x.t}`);
}

/** Gold pairs counted by match kind (from the kinds of the two entities as stored). */
function goldByKind(): Partial<Record<MatchKind, number>> {
  const rows = store.db.prepare('SELECT l.kind AS lk, r.kind AS rk FROM gold_link g JOIN entity l ON l.id = g.left JOIN entity r ON r.id = g.right').all() as { lk: EntityKind; rk: EntityKind }[];
  const out: Partial<Record<MatchKind, number>> = {};
  for (const r of rows) out[matchKindOf(r.lk, r.rk)] = (out[matchKindOf(r.lk, r.rk)] ?? 0) + 1;
  return out;
}

describe('image nodes from the id layout (image_ids_1 / image_ids_2)', () => {
  it('marks the listed ids as image entities, keeps their relations and gives gold of all three kinds', async () => {
    const folder = join(dir, 'layout');
    write('layout/ent_ids_1', '0\thttp://kg1.example/Paris\n1\thttp://kg1.example/France\n2\thttp://kg1.example/img/paris.jpg\n3\thttp://kg1.example/img/eiffel.jpg\n');
    write('layout/ent_ids_2', '10\thttp://kg2.example/Paris\n11\thttp://kg2.example/France\n12\thttp://kg2.example/img/p1.jpg\n13\thttp://kg2.example/img/flag.png\n');
    write('layout/rel_ids', '0\thttp://kg.example/capitalOf\n1\thttp://kg.example/imageOf\n2\thttp://kg.example/nearBy\n');
    // imageOf from image to text, nearBy between two images: images are ordinary nodes of the graph.
    write('layout/triples_1', '0\t0\t1\n2\t1\t0\n3\t1\t0\n2\t2\t3\n');
    write('layout/triples_2', '10\t0\t11\n12\t1\t10\n13\t1\t11\n');
    write('layout/image_ids_1', '2\n3\n');
    write('layout/image_ids_2', '12\n13\n');
    // text-text, image-image, and a text-image pair in each direction (kg1 text -> kg2 image, kg1 image -> kg2 text).
    write('layout/ill_ent_ids', '0\t10\n1\t11\n2\t12\n1\t13\n3\t10\n');
    const result = await runImport(store, IMPORT_FORMATS['id-layout'], { paths: { dir: folder }, options: {} });
    expect(result.counts.entities).toBe(8);
    expect(kindOf(1, 'http://kg1.example/Paris')).toBe('text');
    expect(kindOf(1, 'http://kg1.example/img/paris.jpg')).toBe('image');
    expect(kindOf(1, 'http://kg1.example/img/eiffel.jpg')).toBe('image');
    expect(kindOf(2, 'http://kg2.example/France')).toBe('text');
    expect(kindOf(2, 'http://kg2.example/img/flag.png')).toBe('image');
    const info = store.info();
    expect(info.graphs[0]).toMatchObject({ entities: 4, textEntities: 2, imageEntities: 2, relTriples: 4 });
    expect(info.graphs[1]).toMatchObject({ entities: 4, textEntities: 2, imageEntities: 2, relTriples: 3 });
    expect(triples(1)).toContain('http://kg1.example/img/paris.jpg http://kg.example/nearBy http://kg1.example/img/eiffel.jpg');
    expect(triples(2)).toContain('http://kg2.example/img/flag.png http://kg.example/imageOf http://kg2.example/France');
    expect(goldByKind()).toEqual({ 'text-text': 2, 'image-image': 1, 'text-image': 2 });
  });

  it('refuses an image id that is not an entity of that graph, naming file and line', async () => {
    write('layout/ent_ids_1', '0\thttp://kg1.example/a\n');
    write('layout/ent_ids_2', '10\thttp://kg2.example/a\n');
    write('layout/triples_1', '');
    write('layout/triples_2', '');
    write('layout/ill_ent_ids', '0\t10\n');
    write('layout/image_ids_2', '10\n0\n');
    const error = await runImport(store, IMPORT_FORMATS['id-layout'], { paths: { dir: join(dir, 'layout') }, options: {} }).then(() => null, (e: unknown) => e as Error & { code?: string; file?: string; line?: number });
    expect(error?.code).toBe('BAD_INPUT');
    expect(error?.file).toMatch(/image_ids_2$/);
    expect(error?.line).toBe(2);
    expect(store.info().graphs[0].entities).toBe(0);
  });
});

describe('image nodes from RDF (schema:ImageObject and friends)', () => {
  it('types image entities by class, keeps their relations, and lets attribute images coexist', async () => {
    const g1 = write('g1.ttl', `@prefix ex: <http://kg1.example/> . @prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Paris rdfs:label "Paris" ; ex:capitalOf ex:France ; foaf:depiction <http://img.example/paris.jpg> .
ex:France rdfs:label "France" .
ex:photo1 a schema:ImageObject ; ex:imageOf ex:Paris ; ex:nearBy ex:photo2 .
ex:photo2 a foaf:Image ; ex:imageOf ex:France .
`);
    const g2 = write('g2.nt', [
      '<http://kg2.example/Paris> <http://kg2.example/capitale> <http://kg2.example/France> .',
      '<http://kg2.example/pic> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/dc/dcmitype/Image> .',
      `<http://kg2.example/pic> <${FOAF_DEPICTS}> <http://kg2.example/Paris> .`,
      '',
    ].join('\n'));
    const links = write('links.nt', [
      '<http://kg1.example/Paris> <http://www.w3.org/2002/07/owl#sameAs> <http://kg2.example/Paris> .',
      '<http://kg2.example/pic> <http://www.w3.org/2002/07/owl#sameAs> <http://kg1.example/photo1> .',
      '',
    ].join('\n'));
    await runImport(store, IMPORT_FORMATS.rdf, { paths: { graph1: g1, graph2: g2, links }, options: {} });
    expect(kindOf(1, 'http://kg1.example/photo1')).toBe('image');
    expect(kindOf(1, 'http://kg1.example/photo2')).toBe('image');
    expect(kindOf(1, 'http://kg1.example/Paris')).toBe('text');
    expect(kindOf(2, 'http://kg2.example/pic')).toBe('image');
    // The depiction literal/IRI of a text entity stays an attached image, not an entity.
    expect(store.entities.byIri(1, 'http://img.example/paris.jpg')).toBeUndefined();
    const info = store.info();
    expect(info.graphs[0]).toMatchObject({ textEntities: 2, imageEntities: 2, withImages: 1, images: 1 });
    expect(info.graphs[1]).toMatchObject({ textEntities: 2, imageEntities: 1 });
    expect(triples(1)).toEqual(expect.arrayContaining([
      'http://kg1.example/photo1 http://kg1.example/imageOf http://kg1.example/Paris',
      'http://kg1.example/photo1 http://kg1.example/nearBy http://kg1.example/photo2',
    ]));
    expect(triples(2)).toContain(`http://kg2.example/pic ${FOAF_DEPICTS} http://kg2.example/Paris`);
    // sameAs written graph 2 -> graph 1 still becomes a (graph-1, graph-2) gold pair, here image-image.
    expect(goldByKind()).toEqual({ 'text-text': 1, 'image-image': 1 });
  });
});

describe('image nodes from image files (asNodes) beside attribute images', () => {
  it('creates image entities linked by foaf:depicts with thumbnails, while other images stay attached', async () => {
    write('g.nt', [
      '<http://a.example.org/Paris> <http://a.example.org/capitalOf> <http://a.example.org/France> .',
      '<http://a.example.org/Lyon> <http://a.example.org/in> <http://a.example.org/France> .',
      '',
    ].join('\n'));
    await runImport(store, IMPORT_FORMATS.rdf, { paths: { file: join(dir, 'g.nt') }, side: 1, options: {} });
    const images = join(dir, 'pictures');
    mkdirSync(images);
    for (const f of ['paris.jpg', 'flag.svg', 'nice.webp']) copyFileSync(join(IMAGES, f), join(images, f));
    // The attribute-style import: France carries its flag.
    write('attached.tsv', 'http://a.example.org/France\tflag.svg\n');
    await runImport(store, IMPORT_FORMATS['image-files'], { paths: { dir: images, mapping: join(dir, 'attached.tsv') }, side: 1, options: {} });
    // The node-style import: two photos become entities, one depicting Paris, one depicting nothing known yet.
    write('nodes.tsv', 'http://a.example.org/img/paris\tparis.jpg\thttp://a.example.org/Paris\nhttp://a.example.org/img/nice\tnice.webp\n');
    await runImport(store, IMPORT_FORMATS['image-files'], { paths: { dir: images, mapping: join(dir, 'nodes.tsv') }, side: 1, options: { asNodes: true } });

    expect(kindOf(1, 'http://a.example.org/img/paris')).toBe('image');
    expect(kindOf(1, 'http://a.example.org/img/nice')).toBe('image');
    expect(kindOf(1, 'http://a.example.org/France')).toBe('text');
    expect(triples(1)).toContain(`http://a.example.org/img/paris ${FOAF_DEPICTS} http://a.example.org/Paris`);
    const pictures = store.db.prepare(
      'SELECT e.iri AS iri, e.kind AS kind, i.mime AS mime, length(i.thumbnail) > 0 AS thumb FROM image i JOIN entity e ON e.id = i.entity ORDER BY e.iri',
    ).all() as { iri: string; kind: EntityKind; mime: string; thumb: number }[];
    expect(pictures).toEqual([
      { iri: 'http://a.example.org/France', kind: 'text', mime: 'image/svg+xml', thumb: 1 },
      { iri: 'http://a.example.org/img/nice', kind: 'image', mime: 'image/webp', thumb: 1 },
      { iri: 'http://a.example.org/img/paris', kind: 'image', mime: 'image/jpeg', thumb: 1 },
    ]);
    expect(store.info().graphs[0]).toMatchObject({ textEntities: 3, imageEntities: 2, withImages: 3, images: 3 });
  });

  it('refuses a depicted entity the project does not have, with file and line, and imports nothing', async () => {
    write('g.nt', '<http://a.example.org/Paris> <http://a.example.org/in> <http://a.example.org/France> .\n');
    await runImport(store, IMPORT_FORMATS.rdf, { paths: { file: join(dir, 'g.nt') }, side: 1, options: {} });
    write('nodes.tsv', 'http://a.example.org/img/paris\tparis.jpg\thttp://a.example.org/Paris\nhttp://a.example.org/img/x\tparis.jpg\thttp://a.example.org/Atlantis\n');
    const error = await runImport(store, IMPORT_FORMATS['image-files'], { paths: { dir: IMAGES, mapping: join(dir, 'nodes.tsv') }, side: 1, options: { asNodes: true } })
      .then(() => null, (e: unknown) => e as Error & { code?: string; file?: string; line?: number });
    expect(error?.code).toBe('BAD_INPUT');
    expect(error?.file).toMatch(/nodes\.tsv$/);
    expect(error?.line).toBe(2);
    expect(store.info().graphs[0].imageEntities).toBe(0);
  });
});
