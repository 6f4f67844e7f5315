import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { EXPORT_WRITERS, previewOf } from '../../../../src-main/export/writers';
import { isPositive, predicateOf, rdfIri, type ExportLink } from '../../../../src-main/export/links';
import { iriRef } from '../../../../src-main/export/ntriples';
import { tempDir } from '../review/project-fixture';
import { FIXTURE_LINKS, FIXTURE_META } from './fixture-links';
import { HAS_RAPPER, parseWithN3, rapperToNTriples } from './rdf-tools';

const FIXTURES = resolve(__dirname, '../../../fixtures/export');
const expected = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const text = (id: keyof typeof EXPORT_WRITERS, links: readonly ExportLink[] = FIXTURE_LINKS) => {
  const out = EXPORT_WRITERS[id].write(links, FIXTURE_META);
  if (out.kind !== 'file') throw new Error('expected a file');
  return out.text;
};
// RDF formats carry IRIs through rdfIri (percent-encoding what no IRI may hold); the round trip compares on that.
const positiveKeys = (links: readonly ExportLink[]) => new Set(links.filter(isPositive).map((l) => `${rdfIri(l.subject)} ${predicateOf(l)} ${rdfIri(l.object)}`));
const LINK_PREDICATES = new Set(['http://www.w3.org/2002/07/owl#sameAs', 'http://xmlns.com/foaf/0.1/depiction', 'http://xmlns.com/foaf/0.1/depicts']);
const linkTriples = (triples: Set<string>) => new Set([...triples].filter((t) => LINK_PREDICATES.has(t.split(' ')[1]) && !t.startsWith('http://rdfs')));

describe('owl:sameAs N-Triples and Turtle with VoID', () => {
  it('match the hand-written expected files', () => {
    expect(text('sameas-nt')).toBe(expected('sameas.nt'));
    expect(text('sameas-ttl')).toBe(expected('sameas.ttl'));
  });

  it('parse back with n3 to exactly the positive links, and both serialisations to the same graph', () => {
    const nt = parseWithN3(text('sameas-nt'), 'N-Triples');
    const ttl = parseWithN3(text('sameas-ttl'), 'Turtle');
    expect(ttl).toEqual(nt);
    expect(linkTriples(nt)).toEqual(positiveKeys(FIXTURE_LINKS));
    // The VoID linkset counts what it describes.
    expect(nt.has(`https://example.org/mmea/linkset#sameAs http://rdfs.org/ns/void#triples "3"http://www.w3.org/2001/XMLSchema#integer`)).toBe(true);
    expect(nt.has('https://example.org/mmea/linkset#sameAs http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://rdfs.org/ns/void#Linkset')).toBe(true);
  });

  it.skipIf(!HAS_RAPPER)('parse back with raptor (rapper) to the same graph', () => {
    const dir = tempDir('mmea-export-');
    writeFileSync(join(dir, 'a.nt'), text('sameas-nt'));
    writeFileSync(join(dir, 'a.ttl'), text('sameas-ttl'));
    const fromNt = parseWithN3(rapperToNTriples(join(dir, 'a.nt'), 'ntriples'), 'N-Triples');
    const fromTtl = parseWithN3(rapperToNTriples(join(dir, 'a.ttl'), 'turtle'), 'N-Triples');
    expect(fromNt).toEqual(parseWithN3(text('sameas-nt'), 'N-Triples'));
    expect(fromTtl).toEqual(fromNt);
  });

  it('escapes IRI characters N-Triples forbids and still describes an empty set', () => {
    expect(iriRef('http://x.example/a b<c>"d"\\é')).toBe('<http://x.example/a%20b%3Cc%3E%22d%22%5Cé>');
    const empty = parseWithN3(text('sameas-nt', []), 'N-Triples');
    expect(linkTriples(empty).size).toBe(0);
    expect(empty.has(`https://example.org/mmea/linkset#sameAs http://rdfs.org/ns/void#triples "0"http://www.w3.org/2001/XMLSchema#integer`)).toBe(true);
    const odd: ExportLink = { ...FIXTURE_LINKS[0], subject: 'http://x.example/a b"|^`\\' };
    expect(linkTriples(parseWithN3(text('sameas-ttl', [odd]), 'Turtle'))).toEqual(positiveKeys([odd]));
  });
});

describe('Alignment API RDF/XML', () => {
  it('matches the hand-written expected file', () => {
    expect(text('alignment-api')).toBe(expected('alignment.rdf'));
  });

  it.skipIf(!HAS_RAPPER)('parses back with raptor to one Cell per positive link', () => {
    const dir = tempDir('mmea-export-');
    writeFileSync(join(dir, 'a.rdf'), text('alignment-api'));
    const quads = new Parser({ format: 'N-Triples' }).parse(rapperToNTriples(join(dir, 'a.rdf'), 'rdfxml'));
    const A = 'http://knowledgeweb.semanticweb.org/heterogeneity/alignment#';
    const bySubject = new Map<string, Map<string, string>>();
    for (const q of quads) {
      const m = bySubject.get(q.subject.value) ?? new Map<string, string>();
      m.set(q.predicate.value, q.object.value);
      bySubject.set(q.subject.value, m);
    }
    const cells = [...bySubject.values()].filter((m) => m.get('http://www.w3.org/1999/02/22-rdf-syntax-ns#type') === `${A}Cell`);
    const found = new Set(cells.map((c) => `${c.get(`${A}entity1`)} ${c.get(`${A}relation`) === '=' ? 'http://www.w3.org/2002/07/owl#sameAs' : c.get(`${A}relation`)} ${c.get(`${A}entity2`)}`));
    expect(found).toEqual(positiveKeys(FIXTURE_LINKS));
    expect(cells.map((c) => Number(c.get(`${A}measure`)))).toEqual([1, 1, 0.971235, 1, 1]);
    const alignment = bySubject.get('https://example.org/mmea/linkset')!;
    expect(alignment.get(`${A}level`)).toBe('0');
  });
});

describe('OpenEA ent_links', () => {
  it('writes ent_links (hand-written expected) and five 20/10/70 folds that partition it', () => {
    const out = EXPORT_WRITERS['openea-links'].write(FIXTURE_LINKS, FIXTURE_META);
    if (out.kind !== 'folder') throw new Error('expected a folder');
    expect(out.files.get('ent_links')).toBe(expected('openea/ent_links'));
    // Larger set: fold sizes and partition.
    const many: ExportLink[] = Array.from({ length: 100 }, (_, i) => ({ ...FIXTURE_LINKS[2], subject: `http://a.example/${i}`, object: `http://b.example/${i}` }));
    const big = EXPORT_WRITERS['openea-links'].write(many, FIXTURE_META);
    if (big.kind !== 'folder') throw new Error('expected a folder');
    const lines = (name: string) => big.files.get(name)!.split('\n').filter(Boolean);
    const all = new Set(lines('ent_links'));
    expect(all.size).toBe(100);
    const trains = new Set<string>();
    for (let f = 1; f <= 5; f++) {
      const [train, valid, test] = ['train', 'valid', 'test'].map((s) => lines(`721_5fold/${f}/${s}_links`));
      expect([train.length, valid.length, test.length]).toEqual([20, 10, 70]);
      expect(new Set([...train, ...valid, ...test])).toEqual(all);
      train.forEach((l) => trains.add(l));
    }
    expect(trains).toEqual(all);
    // Deterministic whatever the input order.
    const again = EXPORT_WRITERS['openea-links'].write([...many].reverse(), FIXTURE_META);
    expect(again.kind === 'folder' && again.files.get('721_5fold/3/test_links')).toBe(big.files.get('721_5fold/3/test_links'));
  });
});

/** RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF), independent of the writer. */
function readCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && input[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe('');
  return rows;
}

describe('CSV', () => {
  it('matches the hand-written expected file and reads back field for field', () => {
    const csv = text('csv');
    expect(csv).toBe(expected('links.csv'));
    const [head, ...rows] = readCsv(csv);
    expect(head[0]).toBe('subject_id');
    expect(rows.map((r) => `${r[0]} ${r[2]} ${r[3]} ${r[6]}`)).toEqual(FIXTURE_LINKS.map((l) => `${l.subject} ${predicateOf(l)} ${l.object} ${l.status}`));
    expect(rows[0][10]).toBe('capital, "same" city');
    expect(rows[0][4]).toBe('Paris, France');
  });
});

describe('preview', () => {
  it('shows the first lines of a file or of a folder\'s ent_links', () => {
    expect(previewOf(EXPORT_WRITERS.csv.write(FIXTURE_LINKS, FIXTURE_META), 2).split('\n')).toHaveLength(2);
    expect(previewOf(EXPORT_WRITERS['openea-links'].write(FIXTURE_LINKS, FIXTURE_META), 1)).toBe('http://kg1.example/e1\thttp://kg2.example/e1');
  });
});

