import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport, readHead } from '../../../../src-main/ipc/import-preview';

describe('import preview', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmea-head-'));

  it('estimates the rows of a file larger than the sampled head from its line lengths', async () => {
    const path = join(dir, 'big.tsv');
    const line = 'http://example.org/entity/000000\thttp://example.org/other/000000\n'; // 64 bytes
    writeFileSync(path, line.repeat(10_000));
    const head = await readHead(path);
    expect(head.lines).toHaveLength(5);
    expect(Math.abs(head.rows - 10_000)).toBeLessThan(50);
  });

  it('describes binary files instead of showing them, and tolerates CRLF and a cut UTF-8 character', async () => {
    const bin = join(dir, 'x.npy');
    writeFileSync(bin, Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x00, 0x01]));
    expect(await readHead(bin)).toEqual({ lines: ['(binary file, 6 B)'], rows: 0 });
    const crlf = join(dir, 'crlf.txt');
    writeFileSync(crlf, 'a\r\nb\r\n\r\nc');
    expect(await readHead(crlf)).toEqual({ lines: ['a', 'b', '', 'c'], rows: 3 });
    const cut = join(dir, 'cut.txt');
    writeFileSync(cut, 'é'.repeat(40_000)); // 80 kB of 2-byte characters, no newline: cut mid-character
    const head = await readHead(cut);
    expect(head.rows).toBe(0);
  });

  it('samples the files of a folder role and reports a missing path as NOT_FOUND', async () => {
    const folder = join(dir, 'layout');
    mkdirSync(folder);
    writeFileSync(join(folder, 'ent_ids_1'), '1\thttp://a/1\n2\thttp://a/2\n');
    writeFileSync(join(folder, 'triples_1'), '1\t0\t2\n');
    writeFileSync(join(folder, '.hidden'), 'x\n');
    const preview = await previewImport({ format: 'id-layout', paths: { dir: folder } });
    expect(preview.samples.map((s) => s.path)).toEqual([join(folder, 'ent_ids_1'), join(folder, 'triples_1')]);
    expect(preview.estimatedRows).toBe(3);
    await expect(previewImport({ format: 'rdf', paths: { file: join(dir, 'nope.nt') } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('file: cannot read') });
  });
});
