/** What parseNTriplesBytes made of a line. */
export const enum LineShape {
  /** Blank or comment only. */
  Skip = 0,
  /** A triple of IRIs and a plain literal; its spans are in the NTriplesSpans. */
  Triple = 1,
  /** Anything else (blank nodes, escapes, errors): decode the line and take the string path. */
  Declined = 2,
}

/** Byte offsets of the terms of the line parsed last (end exclusive); dt and lang are -1 where absent. */
export class NTriplesSpans {
  s0 = 0;
  s1 = 0;
  p0 = 0;
  p1 = 0;
  o0 = 0;
  o1 = 0;
  /** True for an IRI object, false for a literal. */
  objectIsIri = false;
  dt0 = -1;
  dt1 = -1;
  lang0 = -1;
  lang1 = -1;
}

// Where the term read last ends (kept here rather than in a returned object: no allocation per term).
let at = 0;

/**
 * The byte twin of parseNTriplesLine for the shapes that make up nearly every line of a dump: `<s> <p> <o> .` and
 * `<s> <p> "literal"(@lang | ^^<datatype>) .` without escapes. It reads the UTF-8 bytes `b[start, end)` of one
 * line (no line break) and creates no string: the caller looks IRIs up by their bytes. It accepts exactly what the
 * string fast path accepts for these shapes and declines everything else (blank nodes, backslashes, anything
 * odd), so the caller can hand such a line to the string path, whose verdict and errors are then unchanged.
 */
export function parseNTriplesBytes(b: Uint8Array, start: number, end: number, out: NTriplesSpans): LineShape {
  let i = skipSpace(b, start, end);
  if (i >= end || b[i] === 35) return LineShape.Skip;
  if (!readIri(b, i, end)) return LineShape.Declined;
  out.s0 = i + 1;
  out.s1 = at - 1;
  i = skipSpace(b, at, end);
  if (!readIri(b, i, end)) return LineShape.Declined;
  out.p0 = i + 1;
  out.p1 = at - 1;
  i = skipSpace(b, at, end);
  const c = b[i];
  if (c === 60) {
    if (!readIri(b, i, end)) return LineShape.Declined;
    out.objectIsIri = true;
    out.o0 = i + 1;
    out.o1 = at - 1;
  } else if (c === 34) {
    if (!readLiteral(b, i, end, out)) return LineShape.Declined;
    out.objectIsIri = false;
  } else return LineShape.Declined;
  i = skipSpace(b, at, end);
  if (i >= end || b[i] !== 46) return LineShape.Declined;
  i = skipSpace(b, i + 1, end);
  return i < end && b[i] !== 35 ? LineShape.Declined : LineShape.Triple;
}

function skipSpace(b: Uint8Array, i: number, end: number): number {
  while (i < end && (b[i] === 32 || b[i] === 9)) i++;
  return i;
}

/** An IRIREF at i: a scheme, a colon, then no character N-Triples forbids, up to '>'. Sets `at` past the '>'. */
function readIri(b: Uint8Array, i: number, end: number): boolean {
  if (i >= end || b[i] !== 60) return false;
  let j = i + 1;
  let c = b[j];
  if (j >= end || !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  for (j++; j < end; j++) {
    c = b[j];
    if (c === 58) break;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return false;
  }
  // Bytes of multi-byte UTF-8 characters are all >= 0x80: allowed, as the characters are on the string path.
  for (j++; j < end; j++) {
    c = b[j];
    if (c === 62) {
      at = j + 1;
      return true;
    }
    if (c <= 32 || c === 60 || c === 34 || c === 123 || c === 125 || c === 124 || c === 94 || c === 96 || c === 92) return false;
  }
  return false;
}

/** A literal without backslashes at i, with its datatype or language. Sets `at` past it. */
function readLiteral(b: Uint8Array, i: number, end: number, out: NTriplesSpans): boolean {
  let close = i + 1;
  // In UTF-8 the bytes of '"' and '\' never occur inside another character.
  while (close < end && b[close] !== 34) {
    if (b[close] === 92) return false;
    close++;
  }
  if (close >= end) return false;
  out.o0 = i + 1;
  out.o1 = close;
  out.dt0 = out.dt1 = out.lang0 = out.lang1 = -1;
  const after = close + 1;
  if (b[after] === 94 && after + 1 < end && b[after + 1] === 94) {
    if (!readIri(b, after + 2, end)) return false;
    out.dt0 = after + 3;
    out.dt1 = at - 1;
    return true;
  }
  if (after < end && b[after] === 64) {
    let j = after + 1;
    while (j < end && b[j] !== 32 && b[j] !== 9 && b[j] !== 46) j++;
    if (!isLanguageTag(b, after + 1, j)) return false;
    out.lang0 = after + 1;
    out.lang1 = j;
    at = j;
    return true;
  }
  at = after;
  return true;
}

/** [a-zA-Z]+ (-[a-zA-Z0-9]+)*, as the string path's pattern. */
function isLanguageTag(b: Uint8Array, start: number, end: number): boolean {
  let j = start;
  while (j < end && isLetter(b[j])) j++;
  if (j === start) return false;
  while (j < end) {
    if (b[j] !== 45) return false;
    const part = ++j;
    while (j < end && (isLetter(b[j]) || (b[j] >= 48 && b[j] <= 57))) j++;
    if (j === part) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
