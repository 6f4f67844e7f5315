import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSssom, SSSOM_COLUMNS, orcidCurie, commonNamespace } from '../../../../src-main/export/sssom';
import { predicateOf } from '../../../../src-main/export/links';
import { SHARED_DIR } from '../../../helpers/shared-data';
import { FIXTURE_LINKS, FIXTURE_META } from './fixture-links';

const SCHEMA = join(SHARED_DIR, 'specs', 'sssom', 'sssom_schema.yaml');
const hasSchema = existsSync(SCHEMA);
if (!hasSchema) console.warn(`skipping the schema checks: ${SCHEMA} is absent`);

/** Reads an SSSOM/TSV file: the `#` YAML block (flat keys and one level of mapping), then the table. */
function readSssom(text: string): { meta: Record<string, string | Record<string, string>>; columns: string[]; rows: Record<string, string>[] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const meta: Record<string, string | Record<string, string>> = {};
  let nested: Record<string, string> | null = null;
  const scalar = (v: string) => (v.startsWith('"') ? (JSON.parse(v) as string) : v);
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('#'); i++) {
    const body = lines[i].slice(2);
    const m = /^( *)([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/.exec(body);
    if (!m) throw new Error(`bad metadata line: ${lines[i]}`);
    const [, indent, key, value] = m;
    if (indent.length > 0 && nested) nested[key] = scalar(value);
    else if (value === '') meta[key] = nested = {};
    else {
      meta[key] = scalar(value);
      nested = null;
    }
  }
  const columns = lines[i].split('\t');
  const rows = lines.slice(i + 1).map((l) => {
    const cells = l.split('\t');
    expect(cells).toHaveLength(columns.length);
    return Object.fromEntries(columns.map((c, k) => [c, cells[k]]));
  });
  return { meta, columns, rows };
}

/** Slot lists of a class, enum values and slot patterns, read line by line from the LinkML schema. */
function readSchema(): { setSlots: Set<string>; mappingSlots: Set<string>; modifiers: Set<string>; justification: RegExp; propagatable: Set<string> } {
  const lines = readFileSync(SCHEMA, 'utf8').split('\n');
  const classSlots = (name: string) => {
    const start = lines.indexOf(`  ${name}:`, lines.indexOf('classes:'));
    const slots = new Set<string>();
    let k = lines.indexOf('    slots:', start) + 1;
    while (/^ {6}- /.test(lines[k])) slots.add(lines[k++].trim().slice(2));
    return slots;
  };
  const modStart = lines.indexOf('  predicate_modifier_enum:');
  const modifiers = new Set<string>();
  for (let k = modStart + 2; /^ {6}\S/.test(lines[k]) || /^ {8}/.test(lines[k]); k++) if (/^ {6}[A-Za-z]+:$/.test(lines[k])) modifiers.add(lines[k].trim().slice(0, -1));
  const justStart = lines.indexOf('  mapping_justification:');
  const patternLine = lines.slice(justStart).find((l) => l.trim().startsWith('pattern:'))!;
  const justification = new RegExp(JSON.parse(patternLine.trim().slice('pattern:'.length).trim()) as string);
  const propagatable = new Set<string>();
  let slot = '';
  for (const l of lines) {
    const m = /^ {2}([a-z_]+):$/.exec(l);
    if (m) slot = m[1];
    if (l.trim() === 'propagated: true') propagatable.add(slot);
  }
  return { setSlots: classSlots('mapping set'), mappingSlots: classSlots('mapping'), modifiers, justification, propagatable };
}

describe('SSSOM/TSV', () => {
  const text = writeSssom(FIXTURE_LINKS, FIXTURE_META);

  it('matches the hand-written expected file', () => {
    expect(text).toBe(readFileSync(resolve(__dirname, '../../../fixtures/export/links.sssom.tsv'), 'utf8'));
  });

  it('reads back (CURIEs expanded through the curie_map) to exactly the same links, rejections negated', () => {
    const { meta, rows } = readSssom(text);
    const curies = meta.curie_map as Record<string, string>;
    const expand = (id: string) => {
      const colon = id.indexOf(':');
      const ns = curies[id.slice(0, colon)];
      return ns ? ns + id.slice(colon + 1) : id;
    };
    const read = rows.map((r) => `${expand(r.subject_id)} ${r.predicate_modifier === 'Not' ? 'NOT ' : ''}${expand(r.predicate_id)} ${expand(r.object_id)}`);
    expect(read).toEqual(FIXTURE_LINKS.map((l) => `${l.subject} ${l.status === 'rejected' ? 'NOT ' : ''}${predicateOf(l)} ${l.object}`));
    const byStatus = (s: string) => rows[FIXTURE_LINKS.findIndex((l) => l.status === s)];
    expect(byStatus('accepted')).toMatchObject({ mapping_justification: 'semapv:ManualMappingCuration', author_id: 'orcid:0000-0002-1825-0097', mapping_date: '2026-03-01' });
    expect(byStatus('auto')).toMatchObject({ mapping_justification: 'semapv:SemanticSimilarityThresholdMatching', confidence: '0.971235' });
    expect(rows[1]).toMatchObject({ author_id: '', author_label: 'Ada Lovelace' });
    expect(meta.mapping_set_description).toMatch(/foaf:depiction/);
  });

  it.skipIf(!hasSchema)('uses only slots of the SSSOM schema, with the required ones and valid enum values', () => {
    const schema = readSchema();
    const { meta, columns, rows } = readSssom(text);
    expect(schema.mappingSlots.size).toBeGreaterThan(40);
    for (const key of Object.keys(meta)) expect(schema.setSlots.has(key), `mapping set slot ${key}`).toBe(true);
    for (const c of columns) expect(schema.mappingSlots.has(c), `mapping slot ${c}`).toBe(true);
    expect(columns).toEqual([...SSSOM_COLUMNS]);
    for (const required of ['mapping_set_id', 'license']) expect(meta[required], required).toBeTruthy();
    expect(String(meta.mapping_set_id)).toMatch(/^[a-z][a-z0-9+.-]*:/i);
    // A propagatable slot lives either in the header or in the rows, never both.
    for (const c of columns) if (schema.propagatable.has(c)) expect(meta[c], `propagatable ${c}`).toBeUndefined();
    expect(schema.modifiers).toEqual(new Set(['Not']));
    for (const r of rows) {
      for (const required of ['subject_id', 'predicate_id', 'object_id', 'mapping_justification']) expect(r[required], required).not.toBe('');
      expect(r.mapping_justification).toMatch(schema.justification);
      if (r.predicate_modifier) expect(schema.modifiers.has(r.predicate_modifier)).toBe(true);
      for (const num of ['confidence', 'similarity_score']) {
        if (!r[num]) continue;
        expect(Number(r[num])).toBeGreaterThanOrEqual(0);
        expect(Number(r[num])).toBeLessThanOrEqual(1);
      }
      if (r.mapping_date) expect(r.mapping_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('recognises ORCIDs and shared namespaces', () => {
    expect(orcidCurie('https://orcid.org/0000-0002-1694-233X')).toBe('orcid:0000-0002-1694-233X');
    expect(orcidCurie('orcid:0000-0002-1825-0097')).toBe('orcid:0000-0002-1825-0097');
    expect(orcidCurie('Ada Lovelace')).toBeNull();
    expect(commonNamespace(['http://dbpedia.org/resource/A', 'http://dbpedia.org/resource/B'])).toBe('http://dbpedia.org/resource/');
    expect(commonNamespace(['http://a.example/x', 'http://b.example/y'])).toBeNull();
  });
});
