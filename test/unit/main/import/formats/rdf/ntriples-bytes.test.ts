import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineShape, NTriplesSpans, parseNTriplesBytes } from '../../../../../../src-main/import/formats/rdf/ntriples-bytes';
import { parseNTriplesLine } from '../../../../../../src-main/import/formats/rdf/ntriples-fast';
import type { RdfTerm } from '../../../../../../src-main/import/formats/rdf/terms';
import { fixture } from '../collect';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const lines = readFileSync(fixture('rdf', 'agreement.nt'), 'utf8').split('\n').slice(0, -1);

/** The terms the spans stand for, in the string fast path's shape. */
function terms(line: string): [RdfTerm, RdfTerm, RdfTerm] | null | 'declined' {
  // A line sits inside a bigger buffer, as in the reader: nothing may be read past its end.
  const buffer = Buffer.from(`<http://x/s> <http://x/p> "before" .\n${line}\n<http://x/o> "after"@en .`, 'utf8');
  const start = buffer.indexOf(10) + 1;
  const end = buffer.indexOf(10, start);
  const spans = new NTriplesSpans();
  const shape = parseNTriplesBytes(buffer, start, end, spans);
  if (shape === LineShape.Skip) return null;
  if (shape === LineShape.Declined) return 'declined';
  const text = (a: number, b: number) => buffer.toString('utf8', a, b);
  const object: RdfTerm = spans.objectIsIri
    ? { t: 0, v: text(spans.o0, spans.o1) }
    : {
        t: 2,
        v: text(spans.o0, spans.o1),
        dt: spans.dt0 < 0 || text(spans.dt0, spans.dt1) === XSD_STRING ? null : text(spans.dt0, spans.dt1),
        lang: spans.lang0 < 0 ? null : text(spans.lang0, spans.lang1).toLowerCase(),
      };
  return [{ t: 0, v: text(spans.s0, spans.s1) }, { t: 0, v: text(spans.p0, spans.p1) }, object];
}

describe('the N-Triples byte parser', () => {
  it('gives the string fast path\'s terms for every line it accepts, and skips what it skips', () => {
    let accepted = 0;
    for (const line of lines) {
      const fromBytes = terms(line);
      const fromString = parseNTriplesLine(line);
      if (fromBytes === 'declined') continue;
      if (fromBytes === null) expect(fromString, line).toBeNull();
      else {
        accepted++;
        expect(fromString, line).toEqual(fromBytes);
      }
    }
    // Blank nodes, escapes and the \u IRI go the string way; the plain IRI and literal lines are taken here.
    expect(accepted).toBe(17);
  });

  it('declines blank nodes, escapes and everything the string path declines', () => {
    for (const line of [
      '_:b0 <http://a/p> <http://a/o> .',
      '<http://a/s> <http://a/p> _:b1 .',
      '<http://a/s> <http://a/p> "with \\"quotes\\"" .',
      '<http://a/caf\\u00E9> <http://a/p> <http://a/o> .',
      '<http://a/s> <http://a/p> "open .',
      '<http://a/s> <http://a/p> <http://a/o>',
      '<http://a/s> <http://a/p> <http://a/o> . extra',
      '<rel> <http://a/p> <http://a/o> .',
      '<http://a/s> <http://a/p> "x"@ .',
      '<http://a/s> <http://a/p> "x"@en- .',
      '<http://a/s> <http://a/p> "x"@1en .',
      '<http://a/s> <http://a/p> "x"^^ .',
      '<http://a/s> <http://a/p> "x"^^<dt> .',
      '<http://a/s> <http://a/p> <http://a/o o> .',
      '<http://a/s>',
      '<http://a/s> <http://a/p>',
      '<',
    ]) {
      expect(terms(line), line).toBe('declined');
      if (!line.includes('_:') && !line.includes('\\')) expect(parseNTriplesLine(line), line).toBeUndefined();
    }
  });

  it('reads languages, datatypes and non-ASCII text', () => {
    expect(terms('<http://a/s> <http://a/p> "Colour"@en-GB .')).toEqual([{ t: 0, v: 'http://a/s' }, { t: 0, v: 'http://a/p' }, { t: 2, v: 'Colour', dt: null, lang: 'en-gb' }]);
    expect(terms('<http://zh/北京> <http://a/p> "北京"^^<http://a/dt>.')![2]).toEqual({ t: 2, v: '北京', dt: 'http://a/dt', lang: null });
    expect(terms('   # only a comment')).toBeNull();
    expect(terms('')).toBeNull();
  });
});
