import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localName, searchName } from '../../../../../src-main/project/repositories/search-index';

// The SQL the index used before searchName (rtrim by the set of the IRI's own characters leaves the namespace).
const localSql = `replace(substr(iri, length(rtrim(iri, replace(replace(iri, '/', ''), '#', ''))) + 1), '_', ' ')`;
const nameSql = `CASE WHEN lower(${localSql}) = lower(coalesce(label, '')) THEN NULL ELSE ${localSql} END`;

const cases: [string, string | null][] = [
  ['http://dbpedia.org/resource/Abraham_Lincoln', 'Abraham Lincoln'],
  ['http://dbpedia.org/resource/Abraham_Lincoln', 'abraham lincoln'],
  ['http://dbpedia.org/resource/Abraham_Lincoln', 'Lincoln'],
  ['http://dbpedia.org/resource/Abraham_Lincoln', null],
  ['http://www.w3.org/2000/01/rdf-schema#label', 'label'],
  ['http://a.org/ns#Thing_One', 'Thing one'],
  ['http://a.org/folder/', 'folder'],
  ['urn:isbn:0451450523', 'urn:isbn:0451450523'],
  ['urn:isbn:0451450523', 'Some book'],
  ['http://zh.dbpedia.org/resource/北京', '北京'],
  ['http://fr.dbpedia.org/resource/École_normale', 'école normale'],
  ['http://fr.dbpedia.org/resource/École_normale', 'École Normale'],
  ['http://a.org/x_😀_y', 'X 😀 Y'],
  ['_:abc123:b1', 'b1'],
  ['http://bench.example.org/resource/Entity_12', 'Entity number 12'],
];

describe('the search index name', () => {
  it('is what the SQL expression gave: local name, or null where it repeats the label (ASCII case folded only)', () => {
    const db = new Database(':memory:');
    const sql = db.prepare(`SELECT ${nameSql} FROM (SELECT ? AS iri, ? AS label)`).pluck();
    for (const [iri, label] of cases) expect(searchName(iri, label), `${iri} / ${label}`).toBe(sql.get(iri, label));
    db.close();
  });

  it('takes the part after the last slash or hash, underscores as spaces', () => {
    expect(localName('http://a.org/ns#Thing_One')).toBe('Thing One');
    expect(localName('http://a.org/a#b/c_d')).toBe('c d');
    expect(localName('urn:x:y')).toBe('urn:x:y');
    expect(searchName('http://a.org/Paris', 'PARIS')).toBeNull();
    expect(searchName('http://a.org/Éa', 'éa')).toBe('Éa');
  });
});
