import { describe, expect, it } from 'vitest';
import { ENTITY_REFS, type ImportRecord, type RecordBatchArray } from '../../../../src-main/import/import-format';
import { RecordDecoder, RecordEncoder } from '../../../../src-main/import/record-codec';

function batch(records: ImportRecord[], refs: number[]): RecordBatchArray {
  const out: RecordBatchArray = [...records];
  Object.defineProperty(out, ENTITY_REFS, { value: Int32Array.from(refs), enumerable: false });
  return out;
}

describe('the record codec', () => {
  it('gives back every record in order, with its refs; triples by ref carry no IRIs, names cross once', () => {
    const encoder = new RecordEncoder();
    const decoder = new RecordDecoder();
    const first = batch([
      { type: 'entity', side: 1, iri: 'http://a/x', label: 'X' },
      { type: 'entity', side: 1, iri: 'http://a/y', label: 'Y', kind: 'image' },
      { type: 'relTriple', side: 1, head: 'http://a/x', rel: 'http://a/p', tail: 'http://a/y' },
      { type: 'attrTriple', side: 1, entity: 'http://a/x', attr: 'http://a/n', value: '1', datatype: 'http://xsd/int', lang: null },
      { type: 'attrTriple', side: 1, entity: 'http://a/y', attr: 'http://a/n', value: 'eins', datatype: null, lang: 'de' },
      { type: 'kind', side: 1, iri: 'http://a/y', kind: 'image' },
      { type: 'relTriple', side: 1, head: 'http://a/x', rel: 'http://a/q', tail: 'http://w/Q1' },
    ], [0, -1, 1, -1, 0, 1, 0, -1, 1, -1, -1, -1, -1, -1]);
    const encoded = encoder.encode(first);
    expect(encoded.names).toEqual(['http://a/p', 'http://a/n', 'http://xsd/int', 'de']);
    // The triple without refs travels as it is, with the kind record.
    expect(encoded.others).toHaveLength(2);
    const decoded = decoder.decode(encoded);
    expect(decoded).toEqual([
      { type: 'entity', side: 1, iri: 'http://a/x', label: 'X' },
      { type: 'entity', side: 1, iri: 'http://a/y', label: 'Y', kind: 'image' },
      { type: 'relTriple', side: 1, head: '', rel: 'http://a/p', tail: '' },
      { type: 'attrTriple', side: 1, entity: '', attr: 'http://a/n', value: '1', datatype: 'http://xsd/int', lang: null },
      { type: 'attrTriple', side: 1, entity: '', attr: 'http://a/n', value: 'eins', datatype: null, lang: 'de' },
      { type: 'kind', side: 1, iri: 'http://a/y', kind: 'image' },
      { type: 'relTriple', side: 1, head: 'http://a/x', rel: 'http://a/q', tail: 'http://w/Q1' },
    ]);
    expect(Array.from(decoded[ENTITY_REFS]!)).toEqual([0, -1, 1, -1, 0, 1, 0, -1, 1, -1, -1, -1, -1, -1]);

    // A later batch sends only names it uses for the first time.
    const second = encoder.encode(batch([
      { type: 'entity', side: 2, iri: 'http://b/z' },
      { type: 'relTriple', side: 2, head: 'http://b/z', rel: 'http://a/p', tail: 'http://b/z' },
      { type: 'attrTriple', side: 2, entity: 'http://b/z', attr: 'http://b/m', value: null },
    ], [0, -1, 0, 0, 0, -1]));
    expect(second.names).toEqual(['http://b/m']);
    expect(decoder.decode(second)).toEqual([
      { type: 'entity', side: 2, iri: 'http://b/z', label: undefined },
      { type: 'relTriple', side: 2, head: '', rel: 'http://a/p', tail: '' },
      { type: 'attrTriple', side: 2, entity: '', attr: 'http://b/m', value: null, datatype: null, lang: null },
    ]);
  });

  it('passes batches without refs as plain records', () => {
    const records: ImportRecord[] = [{ type: 'entity', side: 1, iri: 'x:a' }, { type: 'gold', left: 'x:a', right: 'x:b', split: 'train' }];
    expect(new RecordDecoder().decode(new RecordEncoder().encode(records))).toEqual(records);
  });
});
