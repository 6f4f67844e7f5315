import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../../../src-main/import/import-format';
import { demoGoldFormat } from '../../../../src-main/demo/demo-gold-format';
import { AppError } from '../../../../src-main/shared/errors';

const dir = mkdtempSync(join(tmpdir(), 'demo-gold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(content: string | Buffer): Promise<ImportRecord[]> {
  const path = join(dir, `splits-${Math.random().toString(36).slice(2)}.tsv`);
  writeFileSync(path, content);
  const out: ImportRecord[] = [];
  for await (const batch of demoGoldFormat.read({ paths: { splits: path }, options: {} })) out.push(...batch);
  return out;
}

async function failure(content: string | Buffer): Promise<AppError> {
  const error = await read(content).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('demoGoldFormat', () => {
  it('yields one gold record per line, tolerating CRLF and blank lines', async () => {
    const records = await read('http://a/1\thttp://b/1\ttrain\r\n\nhttp://a/2\thttp://b/2\ttest\n');
    expect(records).toEqual([
      { type: 'gold', left: 'http://a/1', right: 'http://b/1', split: 'train' },
      { type: 'gold', left: 'http://a/2', right: 'http://b/2', split: 'test' },
    ]);
  });

  it('names file, line and reason for a wrong column count, a bad IRI, an unknown split and bad UTF-8', async () => {
    const columns = await failure('http://a/1\thttp://b/1\ttrain\nhttp://a/2\thttp://b/2\n');
    expect([columns.code, columns.line, columns.message]).toEqual(['BAD_INPUT', 2, expect.stringContaining('3 tab-separated columns')]);
    expect(columns.file).toMatch(/splits-.*\.tsv$/);
    expect((await failure('not an iri\thttp://b/1\ttrain\n')).message).toContain('absolute IRIs');
    const split = await failure('http://a/1\thttp://b/1\ttraining\n');
    expect([split.line, split.message]).toEqual([1, expect.stringContaining('unknown split "training"')]);
    expect((await failure(Buffer.from([0x68, 0x74, 0xff, 0x0a]))).message).toContain('invalid UTF-8');
  });

  it('fingerprints the splits file only', async () => {
    expect(await demoGoldFormat.fingerprintFiles({ paths: { splits: '/x/s.tsv' }, options: {} })).toEqual(['/x/s.tsv']);
  });
});
