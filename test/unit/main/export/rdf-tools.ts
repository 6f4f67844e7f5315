import { execFileSync, spawnSync } from 'node:child_process';
import { Parser } from 'n3';

/** Triples as "s p o" strings with terms in N-Triples form: a set that two parsers must agree on. */
export function parseWithN3(text: string, format: 'N-Triples' | 'Turtle'): Set<string> {
  const quads = new Parser({ format }).parse(text);
  return new Set(quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType === 'Literal' ? JSON.stringify(q.object.value) + (q.object.datatype?.value ?? '') : q.object.value}`));
}

/** Whether Debian's raptor `rapper` is installed (apt package raptor2-utils). */
export const HAS_RAPPER = spawnSync('rapper', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HAS_RAPPER) console.warn('rapper (raptor2-utils) is not installed: the second-parser checks are skipped');

/** Parses a file with rapper and returns its N-Triples output (throws when rapper reports an error). */
export function rapperToNTriples(path: string, syntax: 'ntriples' | 'turtle' | 'rdfxml'): string {
  return execFileSync('rapper', ['-q', '-i', syntax, '-o', 'ntriples', path, 'http://base.example/'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
