import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { badInput } from '../../../../src-main/shared/errors';
import type { ImportFormat, ImportRecord } from '../../../../src-main/import/import-format';

/**
 * A tiny stand-in format for testing the import service without the real format modules: one JSON record per
 * line in `paths.file`. Option `failAt` throws BAD_INPUT at that line, after earlier batches were written.
 */
export const jsonlFormat: ImportFormat = {
  id: 'rdf',
  title: 'JSON lines (test)',
  roles: [{ role: 'file', title: 'Records' }],
  async fingerprintFiles(ctx) {
    return [ctx.paths.file];
  },
  async *read(ctx) {
    const failAt = Number(ctx.options.failAt ?? 0);
    const batchSize = Number(ctx.options.batch ?? 100);
    let batch: ImportRecord[] = [];
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(ctx.paths.file), crlfDelay: Infinity })) {
      line++;
      if (line === failAt) throw badInput(ctx.paths.file, line, 'deliberate failure');
      if (!text.trim()) continue;
      const record = JSON.parse(text) as ImportRecord;
      if (record.type === 'imageFeature') record.vector = Float32Array.from(record.vector as unknown as number[]);
      batch.push(record);
      if (batch.length >= batchSize) {
        ctx.onProgress?.({ phase: 'records', done: line, total: null, rows: line });
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  },
};

/** Writes records as JSON lines (Float32Array vectors as plain arrays). */
export function writeRecords(path: string, records: ImportRecord[]): string {
  const replacer = (_key: string, value: unknown) => (value instanceof Float32Array ? Array.from(value) : value);
  writeFileSync(path, records.map((r) => JSON.stringify(r, replacer)).join('\n') + '\n');
  return path;
}

/** Two small graphs with labels, relations, attributes, an image and gold: the shape of a real import. */
export function sampleRecords(): ImportRecord[] {
  return [
    { type: 'entity', side: 1, iri: 'http://a.org/Berlin', label: 'Berlin' },
    { type: 'entity', side: 1, iri: 'http://a.org/Germany', label: 'Germany' },
    { type: 'entity', side: 1, iri: 'http://a.org/Paris', label: 'Paris' },
    { type: 'relTriple', side: 1, head: 'http://a.org/Berlin', rel: 'http://a.org/capitalOf', tail: 'http://a.org/Germany' },
    { type: 'relTriple', side: 1, head: 'http://a.org/Paris', rel: 'http://a.org/capitalOf', tail: 'http://a.org/France' },
    { type: 'relTriple', side: 1, head: 'http://a.org/Germany', rel: 'http://a.org/borders', tail: 'http://a.org/France' },
    { type: 'attrTriple', side: 1, entity: 'http://a.org/Berlin', attr: 'http://a.org/population', value: '3645000', datatype: 'xsd:integer' },
    { type: 'image', side: 1, entity: 'http://a.org/Berlin', source: 'berlin.jpg', mime: 'image/jpeg' },
    { type: 'entity', side: 2, iri: 'http://b.org/Berlin_(city)', label: 'Berlin' },
    { type: 'entity', side: 2, iri: 'http://b.org/Deutschland', label: 'Deutschland' },
    { type: 'relTriple', side: 2, head: 'http://b.org/Berlin_(city)', rel: 'http://b.org/hauptstadtVon', tail: 'http://b.org/Deutschland' },
    { type: 'imageFeature', side: 2, entity: 'http://b.org/Deutschland', encoder: 'test', vector: new Float32Array([1, 2, 3]) },
    { type: 'gold', left: 'http://a.org/Berlin', right: 'http://b.org/Berlin_(city)', split: 'train' },
    { type: 'gold', left: 'http://a.org/Germany', right: 'http://b.org/Deutschland', split: 'unsplit' },
  ];
}
