import { BLANK, IRI, LITERAL, type RdfTerm, XSD_STRING } from './terms';

const LANG = /^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$/;
const ESCAPE = /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbnrf"'\\]))/g;
const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * A strict N-Triples line parser for the common shapes (`<s> <p> <o> .`, blank nodes, literals with a datatype or
 * language), several times faster than a general Turtle-family parser. It returns null for a blank or comment
 * line, the terms for a triple, and undefined for anything it does not fully understand, which the caller hands
 * to n3: n3 stays the judge of everything unusual, so both paths give the same triples and the same errors.
 */
export function parseNTriplesLine(line: string): [RdfTerm, RdfTerm, RdfTerm] | null | undefined {
  const n = line.length;
  let i = skipSpace(line, 0);
  if (i >= n || line.charCodeAt(i) === 35) return null;
  const s = line.charCodeAt(i) === 60 ? readIri(line, i) : readBlank(line, i);
  if (!s) return undefined;
  i = skipSpace(line, end);
  const p = readIri(line, i);
  if (!p) return undefined;
  i = skipSpace(line, end);
  const c = line.charCodeAt(i);
  const o = c === 60 ? readIri(line, i) : c === 34 ? readLiteral(line, i) : readBlank(line, i);
  if (!o) return undefined;
  i = skipSpace(line, end);
  if (line.charCodeAt(i) !== 46) return undefined;
  i = skipSpace(line, i + 1);
  if (i < n && line.charCodeAt(i) !== 35) return undefined;
  return [s, p, o];
}

// Where the term read last ends (the readers return only the term: one object fewer per term on the hot path).
let end = 0;

function skipSpace(line: string, i: number): number {
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

function readIri(line: string, i: number): RdfTerm | undefined {
  if (line.charCodeAt(i) !== 60) return undefined;
  // One pass finds the closing '>' and checks every character: a scheme (letter, then letters, digits, + . -)
  // and a colon, then nothing N-Triples forbids in an IRIREF. Escapes (\u...) are left to n3.
  let j = i + 1;
  let c = line.charCodeAt(j);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return undefined;
  for (j++; j < line.length; j++) {
    c = line.charCodeAt(j);
    if (c === 58) break;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return undefined;
  }
  for (j++; j < line.length; j++) {
    c = line.charCodeAt(j);
    if (c === 62) {
      end = j + 1;
      return { t: IRI, v: line.slice(i + 1, j) };
    }
    if (c <= 32 || c === 60 || c === 34 || c === 123 || c === 125 || c === 124 || c === 94 || c === 96 || c === 92) return undefined;
  }
  return undefined;
}

function readBlank(line: string, i: number): RdfTerm | undefined {
  if (line.charCodeAt(i) !== 95 || line.charCodeAt(i + 1) !== 58) return undefined;
  let j = i + 2;
  while (j < line.length && isLabelChar(line.charCodeAt(j))) j++;
  // A label cannot end with a dot: `_:b1.` is the label b1 and the statement's final dot.
  while (j > i + 2 && line.charCodeAt(j - 1) === 46) j--;
  if (j === i + 2 || line.charCodeAt(i + 2) === 45 || line.charCodeAt(i + 2) === 46) return undefined;
  const next = line.charCodeAt(j);
  if (j < line.length && next !== 32 && next !== 9 && next !== 46 && next !== 60 && next !== 34) return undefined;
  end = j;
  return { t: BLANK, v: line.slice(i + 2, j) };
}

function isLabelChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
}

function readLiteral(line: string, i: number): RdfTerm | undefined {
  let close = i + 1;
  let escaped = false;
  for (;;) {
    close = line.indexOf('"', close);
    if (close < 0) return undefined;
    let backslashes = 0;
    for (let k = close - 1; k > i && line.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) break;
    escaped = true;
    close++;
  }
  let v = line.slice(i + 1, close);
  if (escaped || v.includes('\\')) {
    const unescaped = unescape(v);
    if (unescaped === undefined) return undefined;
    v = unescaped;
  }
  const after = close + 1;
  if (line.charCodeAt(after) === 94 && line.charCodeAt(after + 1) === 94) {
    const dt = readIri(line, after + 2); // sets `end`
    if (!dt) return undefined;
    return { t: LITERAL, v, dt: dt.v === XSD_STRING ? null : dt.v, lang: null };
  }
  if (line.charCodeAt(after) === 64) {
    let j = after + 1;
    while (j < line.length && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9 && line.charCodeAt(j) !== 46) j++;
    const lang = line.slice(after + 1, j);
    if (!LANG.test(lang)) return undefined;
    end = j;
    return { t: LITERAL, v, dt: null, lang: lang.toLowerCase() };
  }
  end = after;
  return { t: LITERAL, v, dt: null, lang: null };
}

/** Resolves N-Triples string escapes; undefined for a backslash that is not one (n3 then reports it). */
function unescape(raw: string): string | undefined {
  let bad = false;
  const out = raw.replace(ESCAPE, (_m, u4: string | undefined, u8: string | undefined, simple: string | undefined) => {
    if (simple) return SIMPLE_ESCAPES[simple];
    const code = parseInt((u4 ?? u8)!, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      bad = true;
      return '';
    }
    return String.fromCodePoint(code);
  });
  if (bad || raw.replace(ESCAPE, '').includes('\\')) return undefined;
  return out;
}
