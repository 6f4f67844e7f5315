import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLineWithN3 } from '../../../../../../src-main/import/formats/rdf/n3-terms';
import { parseNTriplesLine } from '../../../../../../src-main/import/formats/rdf/ntriples-fast';
import { readTriples } from '../../../../../../src-main/import/formats/rdf/triple-source';
import type { RdfTriple } from '../../../../../../src-main/import/formats/rdf/terms';
import { fixture } from '../collect';

const file = fixture('rdf', 'agreement.nt');
const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);

async function all(syntax: 'N-Triples' | 'N-Quads'): Promise<RdfTriple[]> {
  const out: RdfTriple[] = [];
  for await (const chunk of readTriples(file, syntax)) out.push(...chunk.triples);
  return out;
}

describe('the N-Triples fast path', () => {
  it('agrees with n3 on every line it accepts', () => {
    let accepted = 0;
    lines.forEach((line, i) => {
      const fast = parseNTriplesLine(line);
      const slow = parseLineWithN3(line, file, i + 1);
      if (fast === null) expect(slow, `line ${i + 1}`).toEqual([]);
      else if (fast !== undefined) {
        accepted++;
        expect(slow, `line ${i + 1}: ${line}`).toEqual([{ s: fast[0], p: fast[1], o: fast[2], line: i + 1 }]);
      }
    });
    // Only the IRI with a \u escape and the non-ASCII blank node label are left to n3.
    expect(accepted).toBe(lines.filter((l) => l.trim() !== '' && !l.startsWith('#')).length - 2);
    expect(parseNTriplesLine(lines[22])).toBeUndefined();
    expect(parseNTriplesLine(lines[28])).toBeUndefined();
  });

  it('reads the whole file exactly as n3 does (fast path plus fallback versus n3 alone)', async () => {
    const fast = await all('N-Triples');
    const n3 = await all('N-Quads');
    expect(fast).toHaveLength(26);
    expect(fast).toEqual(n3);
  });

  it('resolves escapes and keeps datatypes and languages', () => {
    expect(parseNTriplesLine(lines[11])![2]).toEqual({ t: 2, v: 'café 😀', dt: null, lang: null });
    expect(parseNTriplesLine(lines[14])![2]).toEqual({ t: 2, v: 'Colour', dt: null, lang: 'en-gb' });
    expect(parseNTriplesLine(lines[15])![2]).toEqual({ t: 2, v: '42', dt: 'http://www.w3.org/2001/XMLSchema#integer', lang: null });
    expect(parseNTriplesLine(lines[9])![2]).toEqual({ t: 2, v: 'ends with backslash \\', dt: null, lang: null });
    expect(parseNTriplesLine(lines[4])).toEqual([{ t: 1, v: 'b0' }, { t: 0, v: 'http://a.example.org/p' }, { t: 1, v: 'b1' }]);
  });

  it('declines what it cannot vouch for, so n3 reports it', () => {
    for (const bad of [
      '<http://a/s> <http://a/p> "open .',
      '<http://a/s> <http://a/p> <http://a/o>',
      '<http://a/s> <http://a/p> <http://a/o> . extra',
      '<rel> <http://a/p> <http://a/o> .',
      '<http://a/s> <http://a/p> "bad \\q escape" .',
      '"lit" <http://a/p> <http://a/o> .',
      '<http://a/s> _:p <http://a/o> .',
    ]) expect(parseNTriplesLine(bad), bad).toBeUndefined();
  });
});
