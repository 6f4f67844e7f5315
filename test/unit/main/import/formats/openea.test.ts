import { describe, expect, it } from 'vitest';
import { openEaFormat } from '../../../../../src-main/import/formats/openea';
import { collect, expectBadInput, fixture } from './collect';

const D = 'http://dbpedia.org/resource/';
const F = 'http://fr.dbpedia.org/resource/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('openea raw release', () => {
  it('yields exactly the records of a small folder, fold 1 by default', async () => {
    const { records, progress } = await collect(openEaFormat, { paths: { dir: fixture('openea', 'small') } });
    expect(records).toEqual([
      { type: 'entity', side: 1, iri: `${D}Paris`, label: 'Paris' },
      { type: 'entity', side: 1, iri: `${D}France`, label: 'France' },
      { type: 'relTriple', side: 1, head: `${D}Paris`, rel: 'http://dbpedia.org/ontology/country', tail: `${D}France` },
      { type: 'relTriple', side: 1, head: `${D}Paris`, rel: 'http://dbpedia.org/ontology/country', tail: `${D}France` },
      { type: 'entity', side: 2, iri: `${F}Paris`, label: 'Paris' },
      { type: 'entity', side: 2, iri: `${F}France`, label: 'France' },
      { type: 'relTriple', side: 2, head: `${F}Paris`, rel: 'http://dbpedia.org/ontology/pays', tail: `${F}France` },
      { type: 'attrTriple', side: 1, entity: `${D}Paris`, attr: 'http://xmlns.com/foaf/0.1/name', value: 'Paris', datatype: null, lang: 'en' },
      { type: 'label', side: 1, iri: `${D}Paris`, label: 'Paris' },
      { type: 'attrTriple', side: 1, entity: `${D}Paris`, attr: 'http://dbpedia.org/ontology/populationTotal', value: '2148271', datatype: `${XSD}nonNegativeInteger`, lang: null },
      { type: 'attrTriple', side: 1, entity: `${D}France`, attr: 'http://dbpedia.org/ontology/motto', value: 'Liberté, égalité, fraternité', datatype: null, lang: null },
      { type: 'attrTriple', side: 1, entity: `${D}France`, attr: 'http://xmlns.com/foaf/0.1/name', value: 'La "France"', datatype: null, lang: null },
      { type: 'label', side: 1, iri: `${D}France`, label: 'La "France"' },
      { type: 'attrTriple', side: 2, entity: `${F}Paris`, attr: 'http://dbpedia.org/ontology/areaTotal', value: '105.4', datatype: `${XSD}double`, lang: null },
      { type: 'entity', side: 2, iri: `${F}Louvre`, label: 'Louvre' },
      { type: 'attrTriple', side: 2, entity: `${F}Louvre`, attr: 'http://www.w3.org/2000/01/rdf-schema#label', value: 'Musée du Louvre', datatype: null, lang: 'fr' },
      { type: 'label', side: 2, iri: `${F}Louvre`, label: 'Musée du Louvre' },
      { type: 'gold', left: `${D}Paris`, right: `${F}Paris`, split: 'train' },
      { type: 'gold', left: `${D}France`, right: `${F}France`, split: 'test' },
      { type: 'entity', side: 1, iri: `${D}Louvre`, label: 'Louvre' },
      { type: 'gold', left: `${D}Louvre`, right: `${F}Louvre`, split: 'unsplit' },
    ]);
    expect(progress[0].phase).toContain('721_5fold/1/train_links');
  });

  it('takes the splits of the fold the option names', async () => {
    const { records } = await collect(openEaFormat, { paths: { dir: fixture('openea', 'small') }, options: { fold: 2 } });
    expect(records.filter((r) => r.type === 'gold').map((r) => r.split)).toEqual(['unsplit', 'unsplit', 'train']);
    await expect(collect(openEaFormat, { paths: { dir: fixture('openea', 'small') }, options: { fold: 5 } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('rejects an attribute line without a literal', () =>
    expectBadInput(collect(openEaFormat, { paths: { dir: fixture('openea', 'bad-literal-columns') } }), 'bad-literal-columns/attr_triples_1', 2, /expected 3 tab-separated columns.*found 2/));

  it('rejects a fold link that ent_links lacks', () =>
    expectBadInput(collect(openEaFormat, { paths: { dir: fixture('openea', 'bad-fold') } }), '721_5fold/1/train_links', 2, /http:\/\/a.org\/y -> http:\/\/b.org\/y is not in ent_links/));
});
