import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../../../../src-main/shared/errors';
import type { ImportContext, ImportFormat, ImportProgressInfo, ImportRecord } from '../../../../../src-main/import/import-format';

/** The folder of import fixtures. */
export const FIXTURES = resolve(__dirname, '..', '..', '..', '..', 'fixtures', 'import');

/** A path under test/fixtures/import. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/**
 * Everything a format yields for a context, with the batch sizes and progress reports. With `store`, lookupEntity
 * answers like the import service's writer: an entity exists once a handed-out record declared or referenced it
 * (and a gold link naming a missing entity fails, as it does there).
 */
export async function collect(
  format: ImportFormat, ctx: Partial<ImportContext>, options: { store?: boolean } = {},
): Promise<{ records: ImportRecord[]; batches: number[]; progress: ImportProgressInfo[] }> {
  const progress: ImportProgressInfo[] = [];
  const records: ImportRecord[] = [];
  const batches: number[] = [];
  const known = new Set<string>();
  const has = (side: 1 | 2, iri: string) => known.has(`${side} ${iri}`);
  const full: ImportContext = { paths: {}, options: {}, onProgress: (p) => progress.push(p), ...ctx };
  if (options.store) full.lookupEntity = (side, iri) => (has(side, iri) ? { id: 1, kind: 'text' } : null);
  for await (const batch of format.read(full)) {
    batches.push(batch.length);
    for (const record of batch) {
      records.push(record);
      for (const [side, iri] of namedEntities(record)) known.add(`${side} ${iri}`);
      if (record.type === 'gold' && options.store && (!has(1, record.left) || !has(2, record.right))) {
        throw new Error(`gold link ${record.left} = ${record.right} names an entity no earlier record created`);
      }
    }
  }
  return { records, batches, progress };
}

function namedEntities(r: ImportRecord): [1 | 2, string][] {
  switch (r.type) {
    case 'entity': case 'label': case 'kind': return [[r.side, r.iri]];
    case 'relTriple': return [[r.side, r.head], [r.side, r.tail]];
    case 'attrTriple': case 'image': case 'imageFeature': return [[r.side, r.entity]];
    case 'gold': return [];
  }
}

/** Records of one type, narrowed. */
export function ofType<T extends ImportRecord['type']>(records: ImportRecord[], type: T): Extract<ImportRecord, { type: T }>[] {
  return records.filter((r): r is Extract<ImportRecord, { type: T }> => r.type === type);
}

/** Counts records by type and side ("relTriple:1"), gold as "gold". */
export function countByType(records: ImportRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    const key = 'side' in r ? `${r.type}:${r.side}` : r.type;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Asserts that reading fails with BAD_INPUT at the given file (suffix), line and reason. */
export async function expectBadInput(run: Promise<unknown>, file: string, line: number | undefined, reason: RegExp): Promise<AppError> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error, 'expected the import to fail').toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.code).toBe('BAD_INPUT');
  expect(e.file?.endsWith(file), `file ${e.file} should end with ${file}`).toBe(true);
  expect(e.line).toBe(line);
  expect(e.message).toMatch(reason);
  return e;
}
