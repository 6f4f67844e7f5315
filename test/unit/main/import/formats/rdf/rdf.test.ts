import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rdfFormat } from '../../../../../../src-main/import/formats/rdf';
import { collect, expectBadInput, fixture } from '../collect';

const ONE = 'http://one.example.org/';
const TWO = 'http://two.example.org/';
const f = (name: string) => fixture('rdf', name);
const scope = (name: string) => createHash('sha1').update(readFileSync(f(name))).digest('hex').slice(0, 12);
const pair = { graph1: f('graph1.ttl'), graph2: f('graph2.nt'), links: f('links.nt') };

describe('rdf with both graphs and a links file', () => {
  it('yields exactly the expected records', async () => {
    // `store` also checks that every gold link names entities that earlier records created.
    const { records, progress } = await collect(rdfFormat, { paths: pair }, { store: true });
    const blank1 = `_:${scope('graph1.ttl')}:~0`;
    const blank2 = `_:${scope('graph2.nt')}:b1`;
    expect(records).toEqual([
      { type: 'entity', side: 1, iri: `${ONE}Paris`, label: 'Paris' },
      { type: 'entity', side: 1, iri: `${ONE}France`, label: 'France' },
      { type: 'relTriple', side: 1, head: `${ONE}Paris`, rel: `${ONE}country`, tail: `${ONE}France` },
      { type: 'attrTriple', side: 1, entity: `${ONE}Paris`, attr: `${ONE}population`, value: '2148271', datatype: 'http://www.w3.org/2001/XMLSchema#integer', lang: null },
      { type: 'image', side: 1, entity: `${ONE}Paris`, source: 'http://img.example.org/paris.jpg' },
      { type: 'attrTriple', side: 1, entity: `${ONE}France`, attr: `${ONE}motto`, value: 'Liberté, égalité, fraternité', datatype: null, lang: 'fr' },
      { type: 'entity', side: 1, iri: `${ONE}img1`, label: 'img1' },
      { type: 'kind', side: 1, iri: `${ONE}img1`, kind: 'image' },
      { type: 'relTriple', side: 1, head: `${ONE}img1`, rel: 'http://xmlns.com/foaf/0.1/depicts', tail: `${ONE}Paris` },
      { type: 'entity', side: 1, iri: blank1, label: '~0' },
      { type: 'attrTriple', side: 1, entity: blank1, attr: `${ONE}street`, value: 'Rue de Rivoli', datatype: null, lang: null },
      { type: 'relTriple', side: 1, head: `${ONE}Paris`, rel: `${ONE}address`, tail: blank1 },
      { type: 'entity', side: 2, iri: `${TWO}paris`, label: 'Parigi' },
      { type: 'entity', side: 2, iri: `${TWO}france`, label: 'france' },
      { type: 'relTriple', side: 2, head: `${TWO}paris`, rel: `${TWO}inCountry`, tail: `${TWO}france` },
      { type: 'image', side: 2, entity: `${TWO}france`, source: 'http://img.example.org/flag.svg' },
      { type: 'entity', side: 2, iri: blank2, label: 'b1' },
      { type: 'relTriple', side: 2, head: blank2, rel: `${TWO}near`, tail: `${TWO}paris` },
      { type: 'gold', left: `${ONE}France`, right: `${TWO}france`, split: 'unsplit' },
      { type: 'gold', left: `${ONE}Paris`, right: `${TWO}paris`, split: 'unsplit' },
      // Paris's own sameAs to graph 2 repeats a link; its sameAs to Wikidata stays data of graph 1.
      { type: 'entity', side: 1, iri: 'http://www.wikidata.org/entity/Q90', label: 'Q90' },
      { type: 'relTriple', side: 1, head: `${ONE}Paris`, rel: 'http://www.w3.org/2002/07/owl#sameAs', tail: 'http://www.wikidata.org/entity/Q90' },
      // Labels that improve on what the entity records carried: English over French, a name over the IRI.
      { type: 'label', side: 1, iri: `${ONE}Paris`, label: 'Paris (city)' },
      { type: 'label', side: 1, iri: `${ONE}France`, label: 'France' },
      { type: 'label', side: 2, iri: `${TWO}france`, label: 'France' },
    ]);
    expect(progress.map((p) => p.phase)).toContain('links: 1 statements other than owl:sameAs ignored');
  });

  it('gives blank nodes the same IRIs on every import', async () => {
    const first = await collect(rdfFormat, { paths: pair });
    const second = await collect(rdfFormat, { paths: pair });
    expect(second.records).toEqual(first.records);
  });

  it('without a links file, finds sameAs between the graphs inside them', async () => {
    const { records } = await collect(rdfFormat, { paths: { graph1: f('graph1.ttl'), graph2: f('graph2.nt') } });
    expect(records.filter((r) => r.type === 'gold')).toEqual([{ type: 'gold', left: `${ONE}Paris`, right: `${TWO}paris`, split: 'unsplit' }]);
  });

  it('rejects a link naming an entity of neither graph', () =>
    expectBadInput(collect(rdfFormat, { paths: { ...pair, links: f('bad-links.nt') } }), 'bad-links.nt', 1, /owl:sameAs between http:\/\/two.example.org\/paris and http:\/\/one.example.org\/Lyon: not an entity of graph 1 and one of graph 2/));
});

describe('rdf, one graph at a time', () => {
  it('turns sameAs to an entity the project has on the other side into gold', async () => {
    const lookupEntity = (side: 1 | 2, iri: string) => (side === 2 && iri === `${TWO}paris` ? { id: 7, kind: 'text' as const } : null);
    const { records } = await collect(rdfFormat, { paths: { file: f('graph1.ttl') }, side: 1, lookupEntity });
    expect(records.filter((r) => r.type === 'gold' || (r.type === 'relTriple' && r.rel.endsWith('#sameAs')))).toEqual([
      { type: 'gold', left: `${ONE}Paris`, right: `${TWO}paris`, split: 'unsplit' },
      { type: 'relTriple', side: 1, head: `${ONE}Paris`, rel: 'http://www.w3.org/2002/07/owl#sameAs', tail: 'http://www.wikidata.org/entity/Q90' },
    ]);
  });

  it('reads N-Quads and TriG, dropping graph names', async () => {
    const nq = await collect(rdfFormat, { paths: { file: f('quads.nq') }, side: 2 });
    expect(nq.records).toEqual([
      { type: 'entity', side: 2, iri: 'http://a.example.org/x', label: 'x' },
      { type: 'entity', side: 2, iri: 'http://a.example.org/y', label: 'y' },
      { type: 'relTriple', side: 2, head: 'http://a.example.org/x', rel: 'http://a.example.org/p', tail: 'http://a.example.org/y' },
      { type: 'label', side: 2, iri: 'http://a.example.org/y', label: 'why' },
    ]);
    const trig = await collect(rdfFormat, { paths: { file: f('graphs.trig') }, side: 1 });
    expect(trig.records.filter((r) => r.type === 'relTriple')).toHaveLength(2);
  });

  it('takes the syntax from the format option over the extension', async () => {
    const { records } = await collect(rdfFormat, { paths: { file: f('quads.nq') }, side: 1, options: { format: 'turtle' } }).catch((e: Error) => ({ records: [e] }));
    expect(records[0]).toMatchObject({ code: 'BAD_INPUT', line: 1 });
  });

  it('needs a side, and an extension or format it knows', async () => {
    await expect(collect(rdfFormat, { paths: { file: f('graph2.nt') } })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/side/) });
    await expect(collect(rdfFormat, { paths: { file: f('graph2.nt') }, side: 1, options: { format: 'rdfxml' } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('rdf rejects malformed files with file, line and reason', () => {
  const one = (name: string) => collect(rdfFormat, { paths: { file: f(name) }, side: 1 });
  it('N-Triples syntax (truncated literal)', () => expectBadInput(one('bad-syntax.nt'), 'bad-syntax.nt', 2, /RDF syntax error: Unexpected ""unterminated/));
  it('Turtle syntax (missing dot)', () => expectBadInput(one('bad-syntax.ttl'), 'bad-syntax.ttl', 5, /RDF syntax error: Expected punctuation/));
  it('relative IRI', () => expectBadInput(one('bad-iri.nt'), 'bad-iri.nt', 1, /RDF syntax error: Invalid IRI/));
  it('bad UTF-8 in N-Triples', () => expectBadInput(one('bad-utf8.nt'), 'bad-utf8.nt', 2, /invalid UTF-8/));
  it('bad UTF-8 in Turtle', () => expectBadInput(one('bad-utf8.ttl'), 'bad-utf8.ttl', 3, /invalid UTF-8/));
});
