import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rdfFormat } from '../../../../../../src-main/import/formats/rdf';
import { collect, expectBadInput, fixture } from '../collect';

const dir = mkdtempSync(join(tmpdir(), 'mmea-nt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The records of one N-Triples graph read by the byte path (.nt) and by n3 (the same text read as N-Quads). */
async function bothWays(text: string | Buffer, name: string) {
  const nt = join(dir, `${name}.nt`);
  writeFileSync(nt, text);
  const bytes = await collect(rdfFormat, { paths: { file: nt }, side: 1 });
  const n3 = await collect(rdfFormat, { paths: { file: nt }, side: 1, options: { format: 'nquads' } });
  return { bytes: bytes.records, n3: n3.records };
}

describe('N-Triples read from bytes', () => {
  it('gives the same records as n3 on every shape of line (blank nodes, escapes, comments, odd spacing)', async () => {
    const { bytes, n3 } = await bothWays(readFileSync(fixture('rdf', 'agreement.nt')), 'agreement');
    expect(bytes.length).toBeGreaterThan(20);
    expect(bytes).toEqual(n3);
  });

  it('drops a BOM, reads CRLF endings and a last line without a line break', async () => {
    const text = '\ufeff<http://a.org/x> <http://a.org/p> <http://a.org/y> .\r\n<http://a.org/y> <http://www.w3.org/2000/01/rdf-schema#label> "Why"@en .\r\n<http://a.org/x> <http://a.org/n> "1"';
    const { bytes, n3 } = await bothWays(`${text}^^<http://www.w3.org/2001/XMLSchema#integer> .`, 'crlf');
    expect(bytes).toEqual(n3);
    expect(bytes).toEqual([
      { type: 'entity', side: 1, iri: 'http://a.org/x', label: 'x' },
      { type: 'entity', side: 1, iri: 'http://a.org/y', label: 'y' },
      { type: 'relTriple', side: 1, head: 'http://a.org/x', rel: 'http://a.org/p', tail: 'http://a.org/y' },
      { type: 'attrTriple', side: 1, entity: 'http://a.org/x', attr: 'http://a.org/n', value: '1', datatype: 'http://www.w3.org/2001/XMLSchema#integer', lang: null },
      { type: 'label', side: 1, iri: 'http://a.org/y', label: 'Why' },
    ]);
  });

  it('names the right line of an error past the first chunk of the file', async () => {
    // About 2.4 MB: the reader's chunks are 1 MB, so the bad lines are counted across chunk boundaries.
    const good = Array.from({ length: 40_000 }, (_, i) => `<http://a.org/e${i}> <http://a.org/p> <http://a.org/e${i + 1}> .\n`).join('');
    writeFileSync(join(dir, 'late-syntax.nt'), `${good}<http://a.org/x> <http://a.org/p> "open .\n`);
    await expectBadInput(collect(rdfFormat, { paths: { file: join(dir, 'late-syntax.nt') }, side: 1 }), 'late-syntax.nt', 40_001, /RDF syntax error/);
    writeFileSync(join(dir, 'late-utf8.nt'), Buffer.concat([Buffer.from(good + good), Buffer.from([0x3c, 0xff, 0x3e, 0x0a])]));
    await expectBadInput(collect(rdfFormat, { paths: { file: join(dir, 'late-utf8.nt') }, side: 1 }), 'late-utf8.nt', 80_001, /invalid UTF-8/);
  });
});
