import { describe, expect, it } from 'vitest';
import { mmkgFormat } from '../../../../../src-main/import/formats/mmkg';
import { sharedDataset } from '../../../../helpers/shared-data';
import { collect, countByType, expectBadInput, fixture } from './collect';

const FB = 'http://rdf.freebase.com/ns/';
const DB = 'http://dbpedia.org/resource/';
const f = (name: string) => fixture('mmkg', name);

describe('mmkg raw release', () => {
  it('yields exactly the records of small DB15K (graph 1) and FB15K (graph 2) files', async () => {
    const { records } = await collect(mmkgFormat, {
      paths: {
        triples_1: f('DB15K_EntityTriples.txt'), triples_2: f('FB15K_EntityTriples.txt'), sameas: f('DB15K_SameAsLink.txt'),
        numerical_1: f('DB15K_NumericalTriples.txt'), numerical_2: f('FB15K_NumericalTriples.txt'),
        images_1: f('DB15K_ImageIndex.txt'), images_2: f('FB15K_ImageIndex.txt'),
      },
    });
    const double = 'http://www.w3.org/2001/XMLSchema#double';
    expect(records).toEqual([
      { type: 'entity', side: 1, iri: `${DB}Andy_Griffith`, label: 'Andy Griffith' },
      { type: 'entity', side: 1, iri: `${DB}Mount_Airy`, label: 'Mount Airy' },
      { type: 'relTriple', side: 1, head: `${DB}Andy_Griffith`, rel: 'http://dbpedia.org/ontology/birthPlace', tail: `${DB}Mount_Airy` },
      { type: 'entity', side: 1, iri: `${DB}Abraham_%22Bram%22_Stoker`, label: 'Abraham "Bram" Stoker' },
      { type: 'entity', side: 1, iri: `${DB}Dracula`, label: 'Dracula' },
      { type: 'relTriple', side: 1, head: `${DB}Abraham_%22Bram%22_Stoker`, rel: 'http://dbpedia.org/ontology/notableWork', tail: `${DB}Dracula` },
      { type: 'entity', side: 2, iri: `${FB}m.01m4kpp`, label: 'm.01m4kpp' },
      { type: 'entity', side: 2, iri: `${FB}m.0yyts`, label: 'm.0yyts' },
      { type: 'relTriple', side: 2, head: `${FB}m.01m4kpp`, rel: `${FB}people.person.place_of_birth`, tail: `${FB}m.0yyts` },
      { type: 'entity', side: 2, iri: `${FB}m.01s47p`, label: 'm.01s47p' },
      { type: 'relTriple', side: 2, head: `${FB}m.01s47p`, rel: `${FB}location.location.contains`, tail: `${FB}m.01m4kpp` },
      { type: 'attrTriple', side: 1, entity: `${DB}Mount_Airy`, attr: 'http://dbpedia.org/ontology/elevation', value: '-3.5E2', datatype: double },
      { type: 'entity', side: 2, iri: `${FB}m.06rf7`, label: 'm.06rf7' },
      { type: 'attrTriple', side: 2, entity: `${FB}m.06rf7`, attr: `${FB}location.geocode.longitude`, value: '9.70404945', datatype: double },
      { type: 'attrTriple', side: 2, entity: `${FB}m.06rf7`, attr: `${FB}topic_server.population_number`, value: '2837021.0', datatype: double },
      { type: 'image', side: 1, entity: `${DB}Andy_Griffith`, source: 'mmkg:DBIMG00001' },
      { type: 'image', side: 2, entity: `${FB}m.01m4kpp`, source: 'mmkg:FBIMG00001' },
      { type: 'gold', left: `${DB}Andy_Griffith`, right: `${FB}m.01m4kpp`, split: 'unsplit' },
      { type: 'gold', left: `${DB}Mount_Airy`, right: `${FB}m.0yyts`, split: 'unsplit' },
    ]);
  });

  it('puts the first column of the sameAs file on the side the option names', async () => {
    const { records } = await collect(mmkgFormat, { paths: { sameas: f('DB15K_SameAsLink.txt') }, options: { sameasLeft: 1 } });
    expect(records.filter((r) => r.type === 'gold')[0]).toEqual({ type: 'gold', left: `${FB}m.01m4kpp`, right: `${DB}Andy_Griffith`, split: 'unsplit' });
    expect(records[0]).toEqual({ type: 'entity', side: 1, iri: `${FB}m.01m4kpp`, label: 'm.01m4kpp' });
  });

  it('rejects a truncated triple', () =>
    expectBadInput(collect(mmkgFormat, { paths: { triples_2: f('bad-truncated_EntityTriples.txt') } }), 'bad-truncated_EntityTriples.txt', 2, /expected three terms.*found 2 terms \(truncated line\?\)/));
  it('rejects a value that is not a number', () =>
    expectBadInput(collect(mmkgFormat, { paths: { numerical_2: f('bad-number_NumericalTriples.txt') } }), 'bad-number_NumericalTriples.txt', 2, /"north" is not a number/));
  it('rejects a relative IRI', () =>
    expectBadInput(collect(mmkgFormat, { paths: { sameas: f('bad-iri_SameAsLink.txt') } }), 'bad-iri_SameAsLink.txt', 2, /bad IRI "<Mount_Airy>" \(not absolute/));
  it('needs at least one file', async () => {
    await expect(collect(mmkgFormat, { paths: {} })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

const mmkb = sharedDataset('mmkg/mmkb');
describe.skipIf(!mmkb)('mmkg on the partial real release', () => {
  it('counts the links, images and numbers of FB15K-DB15K', async () => {
    const { records } = await collect(mmkgFormat, {
      paths: {
        sameas: `${mmkb}/DB15K/DB15K_SameAsLink.txt`, numerical_2: `${mmkb}/FB15K/FB15K_NumericalTriples.txt`,
        images_1: `${mmkb}/DB15K/DB15K_ImageIndex.txt`, images_2: `${mmkb}/FB15K/FB15K_ImageIndex.txt`,
      },
    });
    const counts = countByType(records);
    expect(counts).toMatchObject({ gold: 12_846, 'image:1': 12_841, 'image:2': 13_444, 'attrTriple:2': 29_395 });
  });
});
