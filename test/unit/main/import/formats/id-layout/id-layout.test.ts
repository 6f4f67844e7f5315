import { describe, expect, it } from 'vitest';
import { idLayoutFormat } from '../../../../../../src-main/import/formats/id-layout';
import { sharedDataset } from '../../../../../helpers/shared-data';
import { collect, countByType, expectBadInput, fixture } from '../collect';

const ZH = 'http://zh.example.org/resource/';
const EN = 'http://en.example.org/resource/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const BEIJING_ZH = `${ZH}北京`;
const STOKER_ZH = `${ZH}Abraham_%22Bram%22_Stoker`;
const CAFE_ZH = `${ZH}Caf%C3%A9_Noir`;
const FB_BLACK = 'http://rdf.freebase.com/ns/m.0black';

describe('id-layout on a small hand-made folder', () => {
  it('yields exactly the records the files say', async () => {
    const { records, progress } = await collect(idLayoutFormat, {
      paths: { dir: fixture('id-layout', 'small'), names: fixture('id-layout', 'names-small.json') },
    });
    expect(records).toEqual([
      { type: 'entity', side: 1, iri: BEIJING_ZH, label: 'bei jing' },
      { type: 'entity', side: 1, iri: STOKER_ZH, label: 'bram stoker' },
      { type: 'entity', side: 1, iri: CAFE_ZH, label: 'Café Noir' },
      { type: 'entity', side: 2, iri: `${EN}Beijing`, label: 'beijing' },
      { type: 'entity', side: 2, iri: `${EN}Bram_Stoker`, label: 'Bram Stoker' },
      { type: 'entity', side: 2, iri: FB_BLACK, label: 'm.0black' },
      { type: 'entity', side: 2, iri: 'http://en.example.org/img/beijing.jpg', label: 'beijing.jpg' },
      { type: 'kind', side: 2, iri: 'http://en.example.org/img/beijing.jpg', kind: 'image' },
      { type: 'relTriple', side: 1, head: BEIJING_ZH, rel: 'http://example.org/ontology/capitalOf', tail: STOKER_ZH },
      { type: 'relTriple', side: 1, head: STOKER_ZH, rel: 'http://example.org/ontology/wrote', tail: CAFE_ZH },
      { type: 'relTriple', side: 1, head: STOKER_ZH, rel: 'http://example.org/ontology/wrote', tail: CAFE_ZH },
      { type: 'relTriple', side: 2, head: `${EN}Beijing`, rel: 'http://example.org/ontology/capitalOf', tail: `${EN}Bram_Stoker` },
      { type: 'relTriple', side: 2, head: `${EN}Bram_Stoker`, rel: 'http://example.org/ontology/wrote', tail: FB_BLACK },
      { type: 'attrTriple', side: 1, entity: BEIJING_ZH, attr: 'http://xmlns.com/foaf/0.1/name', value: null },
      { type: 'attrTriple', side: 1, entity: BEIJING_ZH, attr: 'http://xmlns.com/foaf/0.1/name', value: null },
      { type: 'attrTriple', side: 1, entity: BEIJING_ZH, attr: 'http://example.org/ontology/population', value: null },
      { type: 'attrTriple', side: 1, entity: BEIJING_ZH, attr: 'population', value: '21540000', datatype: `${XSD}integer` },
      { type: 'attrTriple', side: 1, entity: BEIJING_ZH, attr: 'founded', value: '1045', datatype: `${XSD}gYear` },
      { type: 'attrTriple', side: 2, entity: `${EN}Beijing`, attr: 'height', value: '1.5', datatype: null },
      { type: 'attrTriple', side: 1, entity: STOKER_ZH, attr: 'born', value: '1847-11-08', datatype: `${XSD}date` },
      { type: 'attrTriple', side: 2, entity: `${EN}Bram_Stoker`, attr: 'elevation', value: '12.5', datatype: 'degrees' },
      { type: 'gold', left: BEIJING_ZH, right: `${EN}Beijing`, split: 'train' },
      { type: 'gold', left: STOKER_ZH, right: `${EN}Bram_Stoker`, split: 'test' },
      { type: 'gold', left: CAFE_ZH, right: FB_BLACK, split: 'unsplit' },
    ]);
    expect(progress[0].phase).toMatch(/^found ent_ids_1, ent_ids_2, triples_1, triples_2, ill_ent_ids, sup_ent_ids, dev_ent_ids/);
    const last = progress[progress.length - 1];
    expect(last.done).toBe(last.total);
    expect(last.rows).toBe(records.length);
  });

  it('labels entities from IRIs without a names file, and uses synthetic relation IRIs without rel_ids', async () => {
    const { records, progress } = await collect(idLayoutFormat, { paths: { dir: fixture('id-layout', 'no-rel-ids') } });
    expect(records).toEqual([
      { type: 'entity', side: 1, iri: 'http://a.example.org/x', label: 'x' },
      { type: 'entity', side: 1, iri: 'http://a.example.org/y', label: 'y' },
      { type: 'entity', side: 2, iri: 'http://b.example.org/x', label: 'x' },
      { type: 'entity', side: 2, iri: 'http://b.example.org/y', label: 'y' },
      { type: 'relTriple', side: 1, head: 'http://a.example.org/x', rel: 'urn:mmea:rel:7', tail: 'http://a.example.org/y' },
      { type: 'relTriple', side: 2, head: 'http://b.example.org/y', rel: 'urn:mmea:rel:12', tail: 'http://b.example.org/x' },
    ]);
    expect(progress[0].phase).toBe('found ent_ids_1, ent_ids_2, triples_1, triples_2; absent: ill_ent_ids/ref_ent_ids');
  });

  it('stops with CANCELLED once the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = collect(idLayoutFormat, { paths: { dir: fixture('id-layout', 'small') }, signal: controller.signal });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('id-layout rejects malformed files with file, line and reason', () => {
  const dir = (name: string) => ({ paths: { dir: fixture('id-layout', name) } });
  it('unknown id', () => expectBadInput(collect(idLayoutFormat, dir('bad-unknown-id')), 'bad-unknown-id/triples_1', 2, /unknown entity id 99/));
  it('truncated line', () => expectBadInput(collect(idLayoutFormat, dir('bad-truncated')), 'bad-truncated/triples_1', 2, /expected 3 tab-separated columns.*found 2 \(truncated line\?\)/));
  it('bad IRI', () => expectBadInput(collect(idLayoutFormat, dir('bad-iri')), 'bad-iri/ent_ids_2', 2, /bad IRI "http:\/\/b.example.org\/Bram Stoker"/));
  it('bad UTF-8', () => expectBadInput(collect(idLayoutFormat, dir('bad-utf8')), 'bad-utf8/ent_ids_1', 2, /invalid UTF-8/));
  it('wrong column count', () => expectBadInput(collect(idLayoutFormat, dir('bad-columns')), 'bad-columns/ill_ent_ids', 2, /expected 2 tab-separated columns.*found 3/));
  it('gold pair the wrong way round', () => expectBadInput(collect(idLayoutFormat, dir('bad-wrong-side')), 'bad-wrong-side/ill_ent_ids', 2, /entity id 4 belongs to graph 2, not graph 1/));
  it('an id declared in both graphs', () => expectBadInput(collect(idLayoutFormat, dir('bad-duplicate-id')), 'bad-duplicate-id/ent_ids_2', 2, /entity id 3 is declared twice/));
  it('a malformed attr entry', () => expectBadInput(collect(idLayoutFormat, dir('bad-attr')), 'bad-attr/attr', 2, /bad entry "b\|\|2"/));
  it('a names file naming an unknown id', () => expectBadInput(
    collect(idLayoutFormat, { paths: { dir: fixture('id-layout', 'small'), names: fixture('id-layout', 'names-unknown-id.json') } }),
    'names-unknown-id.json', 3, /unknown entity id 42/));
  it('a truncated names file', () => expectBadInput(
    collect(idLayoutFormat, { paths: { dir: fixture('id-layout', 'small'), names: fixture('id-layout', 'names-truncated.json') } }),
    'names-truncated.json', 2, /not closed \(truncated file\?\)/));
  it('a folder without ent_ids files', async () => {
    await expect(collect(idLayoutFormat, { paths: { dir: fixture('id-layout') } })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/ent_ids_1 and ent_ids_2 missing/) });
  });
});

const dbp = sharedDataset('dbp15k/zh_en');
describe.skipIf(!dbp)('id-layout on DBP15K zh_en', () => {
  it('gives the published counts', async () => {
    const { records, batches } = await collect(idLayoutFormat, { paths: { dir: dbp!, names: `${dbp}/../translated_ent_name/dbp_zh_en.json` } });
    expect(countByType(records)).toEqual({ 'entity:1': 19_388, 'entity:2': 19_572, 'relTriple:1': 70_414, 'relTriple:2': 95_142, gold: 15_000 });
    expect(Math.max(...batches)).toBeLessThanOrEqual(5000);
    expect(records[0]).toEqual({ type: 'entity', side: 1, iri: 'http://zh.dbpedia.org/resource/阿卜杜拉·居尔', label: 'abdullah gul' });
  });
});

const oea = sharedDataset('openea/OEA_EN_FR_15K_V1');
describe.skipIf(!oea)('id-layout on OpenEA EN-FR 15K', () => {
  it('gives the published counts, attribute names included', async () => {
    const { records } = await collect(idLayoutFormat, { paths: { dir: oea! } });
    // 73,121 and 67,167 = the attribute columns of training_attrs_1/2 (14,501 and 13,713 lines, repeats kept).
    expect(countByType(records)).toEqual({
      'entity:1': 15_000, 'entity:2': 15_000, 'relTriple:1': 47_334, 'relTriple:2': 40_864,
      'attrTriple:1': 73_121, 'attrTriple:2': 67_167, gold: 15_000,
    });
  });
});

const mmkg = sharedDataset('mmkg/converted/DB15K-FB15K');
describe.skipIf(!mmkg)('id-layout on MMKG DB15K-FB15K (converted, triples_2 absent)', () => {
  it('reads what is there and says what is absent', async () => {
    const { records, progress } = await collect(idLayoutFormat, { paths: { dir: mmkg! } });
    const counts = countByType(records);
    expect(counts).toMatchObject({ 'entity:1': 12_842, 'entity:2': 14_951, 'relTriple:1': 99_028, gold: 12_846 });
    expect(counts['relTriple:2']).toBeUndefined();
    expect(progress[0].phase).toMatch(/absent: triples_2/);
    const splits = records.filter((r) => r.type === 'gold').reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.split]: (acc[r.split] ?? 0) + 1 }), {});
    expect(splits).toEqual({ train: 2569, test: 10_277 });
  });
});
