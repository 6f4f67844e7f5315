import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Parser, type Quad } from 'n3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoFiles, type DemoBuildSummary } from '../../../../../src-main/demo/build/build-demo-files';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const COMMITTED = join(ROOT, 'resources', 'demo');
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const HAS_RAPPER = spawnSync('rapper', ['--version']).status === 0;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

function parse(path: string): Quad[] {
  return new Parser({ format: path.endsWith('.nt') ? 'N-Triples' : 'Turtle' }).parse(readFileSync(path, 'utf8'));
}

/** Every IRI a graph file mentions as a subject or an object (what an importer turns into entities). */
function entityIris(quads: Quad[]): Set<string> {
  const out = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE) continue;
    out.add(q.subject.value);
    if (q.object.termType === 'NamedNode') out.add(q.object.value);
  }
  return out;
}

describe('buildDemoFiles', () => {
  let a: string;
  let b: string;
  let summary: DemoBuildSummary;

  beforeAll(() => {
    a = mkdtempSync(join(tmpdir(), 'demo-a-'));
    b = mkdtempSync(join(tmpdir(), 'demo-b-'));
    summary = buildDemoFiles(a);
    buildDemoFiles(b);
  });
  afterAll(() => {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('is deterministic: two builds give byte-identical files', () => {
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('matches the committed resources/demo (rerun npm run demo:build after changing the script)', () => {
    const files = listFiles(a);
    expect(listFiles(COMMITTED)).toEqual(files);
    for (const f of files) expect(readFileSync(join(COMMITTED, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('reports the exact counts of this build', () => {
    expect(summary.graph1).toEqual({ countries: 244, triples: 6984, flags: 244 });
    expect(summary.graph2).toEqual({ countries: 245, triples: 3102, flags: 243 });
    expect(summary.graph2ImageNodes).toEqual({ triples: 3588, flagNodes: 243 });
    expect(summary.gold).toEqual({ country: 237, capital: 230, currency: 144, flag: 237 });
    expect(summary.files).toHaveLength(502);
  });

  it('stays small: every file well under 5 MB and the folder under 3 MB', () => {
    let total = 0;
    for (const f of listFiles(a)) {
      const size = statSync(join(a, f)).size;
      expect(size, f).toBeLessThan(1_000_000);
      total += size;
    }
    expect(total).toBeLessThan(3_000_000);
  });

  it('writes Turtle and N-Triples that parse, in two namespaces', () => {
    const g1 = parse(join(a, 'graph1.ttl'));
    const g2 = parse(join(a, 'graph2.ttl'));
    expect(g1).toHaveLength(summary.graph1.triples);
    expect(g2).toHaveLength(summary.graph2.triples);
    expect(g1.every((q) => q.subject.value.startsWith('https://demo.mmea.studio/kg1/'))).toBe(true);
    expect(g2.every((q) => q.subject.value.startsWith('https://demo.mmea.studio/kg2/'))).toBe(true);
    const frLabels = g2.filter((q) => q.predicate.value.endsWith('#label') && q.object.termType === 'Literal' && q.object.language === 'fr');
    expect(frLabels.some((q) => q.object.value === 'Allemagne')).toBe(true);
    expect(parse(join(a, 'links.nt'))).toHaveLength(237 + 230 + 144);
  });

  it('has gold links between entities that exist, one graph-1 entity per graph-2 entity', () => {
    const e1 = entityIris(parse(join(a, 'graph1.ttl')));
    const e2 = entityIris(parse(join(a, 'graph2.ttl')));
    const links = parse(join(a, 'links.nt'));
    for (const q of links) {
      expect(q.predicate.value).toBe('http://www.w3.org/2002/07/owl#sameAs');
      expect(e1.has(q.subject.value), q.subject.value).toBe(true);
      expect(e2.has(q.object.value), q.object.value).toBe(true);
    }
    expect(new Set(links.map((q) => q.subject.value)).size).toBe(links.length);
    expect(new Set(links.map((q) => q.object.value)).size).toBe(links.length);
    // Some entities on each side have no counterpart, so alignment is not a perfect mirror.
    const countries = (set: Set<string>, ns: string): number => [...set].filter((i) => i.startsWith(ns)).length;
    expect(countries(e1, 'https://demo.mmea.studio/kg1/country/')).toBeGreaterThan(237);
    expect(countries(e2, 'https://demo.mmea.studio/kg2/pays/')).toBeGreaterThan(237);
  });

  it('splits gold 70/10/20 and keeps a country and its flag in the same split', () => {
    const read = (f: string): string[][] => readFileSync(join(a, f), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
    const rows = [...read('gold-splits.tsv'), ...read('gold-splits-image-nodes.tsv')];
    expect(rows).toHaveLength(611 + 237);
    const split = new Map(rows.map(([l, r, s]) => [`${l} ${r}`, s]));
    const textSplits = parse(join(a, 'links.nt')).map((q) => split.get(`${q.subject.value} ${q.object.value}`));
    expect(textSplits.filter((s) => s === 'train')).toHaveLength(Math.floor(611 * 0.7));
    expect(textSplits.filter((s) => s === 'valid')).toHaveLength(Math.floor(611 * 0.1));
    const byCountry = new Map(rows.filter(([l, r]) => l.includes('/country/') && r.includes('/pays/')).map(([l, , s]) => [l, s]));
    for (const q of parse(join(a, 'links-image-nodes.nt'))) {
      expect(split.get(`${q.subject.value} ${q.object.value}`)).toBe(byCountry.get(q.subject.value));
    }
  });

  it('makes flags image entities in the image-node variant, with text-image gold to graph-1 countries', () => {
    const g = parse(join(a, 'graph2-image-nodes.ttl'));
    const images = new Set(g.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === 'http://schema.org/ImageObject').map((q) => q.subject.value));
    expect(images.size).toBe(243);
    const depicts = g.filter((q) => q.predicate.value === 'http://xmlns.com/foaf/0.1/depicts');
    expect(depicts).toHaveLength(243);
    const e2 = entityIris(parse(join(a, 'graph2.ttl')));
    for (const q of depicts) expect(e2.has(q.object.value)).toBe(true);
    // Flags carry no label: matching them must come from the picture and the structure.
    expect(g.some((q) => images.has(q.subject.value) && q.predicate.value.endsWith('#label'))).toBe(false);
    const e1 = entityIris(parse(join(a, 'graph1.ttl')));
    const flagGold = parse(join(a, 'links-image-nodes.nt'));
    expect(flagGold).toHaveLength(237);
    for (const q of flagGold) {
      expect(e1.has(q.subject.value)).toBe(true);
      expect(images.has(q.object.value)).toBe(true);
    }
  });

  it('maps existing entities to image files that sharp decodes (SVG and PNG)', async () => {
    const e1 = entityIris(parse(join(a, 'graph1.ttl')));
    const e2 = entityIris(parse(join(a, 'graph2.ttl')));
    const nodes = entityIris(parse(join(a, 'graph2-image-nodes.ttl')));
    const mappings: [string, Set<string>, number][] = [['images-1.tsv', e1, 244], ['images-2.tsv', e2, 243], ['images-2-nodes.tsv', nodes, 243]];
    for (const [file, entities, n] of mappings) {
      const rows = readFileSync(join(a, file), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
      expect(rows, file).toHaveLength(n);
      for (const [entity, path] of rows) {
        expect(entities.has(entity), entity).toBe(true);
        const meta = await sharp(join(a, path)).metadata();
        expect(meta.format).toBe(path.endsWith('.svg') ? 'svg' : 'png');
        expect(meta.width).toBeGreaterThan(0);
      }
    }
  });

  it('ships the attribution and licence texts', () => {
    const text = readFileSync(join(a, 'ATTRIBUTION.md'), 'utf8');
    for (const word of ['world-countries 5.1.0', 'ODbL', 'countries-list', 'i18n-iso-countries', 'flag-icons', 'svg-country-flags', 'public domain']) {
      expect(text).toContain(word);
    }
    expect(readFileSync(join(a, 'licenses', 'world-countries-ODbL-1.0.txt'), 'utf8')).toContain('Open Database License');
    expect(readFileSync(join(a, 'graph1.ttl'), 'utf8')).toMatch(/^# MMEA Studio demo project/);
  });

  it.skipIf(!HAS_RAPPER)('parses with an independent parser (raptor) to the same triple counts', () => {
    const check = (file: string, syntax: string): number => {
      const result = spawnSync('rapper', ['-i', syntax, '-c', join(a, file)], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      return Number(/returned (\d+) triples/.exec(result.stderr + result.stdout)?.[1] ?? -1);
    };
    expect(check('graph1.ttl', 'turtle')).toBe(summary.graph1.triples);
    expect(check('graph2.ttl', 'turtle')).toBe(summary.graph2.triples);
    expect(check('graph2-image-nodes.ttl', 'turtle')).toBe(summary.graph2ImageNodes.triples);
    expect(check('links.nt', 'ntriples')).toBe(611);
    expect(check('links-image-nodes.nt', 'ntriples')).toBe(237);
  });
});
