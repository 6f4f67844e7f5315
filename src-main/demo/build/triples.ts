import { DataFactory, Writer, type Quad } from 'n3';
import { XSD } from './vocabulary';

/** An RDF object: an IRI, or a literal with an optional language tag or datatype IRI. */
export type DemoObject = { iri: string } | { value: string; lang?: string; datatype?: string };

/** One triple of a demo graph. */
export interface DemoTriple {
  s: string;
  p: string;
  o: DemoObject;
}

/** Shorthands used by the graph builders. */
export const iri = (value: string): DemoObject => ({ iri: value });
export const text = (value: string, lang?: string): DemoObject => (lang ? { value, lang } : { value });
export const typed = (value: string | number | boolean, type: 'integer' | 'decimal' | 'double' | 'boolean'): DemoObject => ({
  value: String(value),
  datatype: `${XSD}${type}`,
});

/** The N-Triples spelling of an object: used as the sort key, so output order never depends on insertion order. */
function objectKey(o: DemoObject): string {
  if ('iri' in o) return `<${o.iri}>`;
  return `"${o.value}"${o.lang ? `@${o.lang}` : ''}${o.datatype ? `^^<${o.datatype}>` : ''}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts triples by subject, predicate, object and drops exact duplicates (RDF graphs are sets). */
export function sortTriples(triples: readonly DemoTriple[]): DemoTriple[] {
  const keyed = triples.map((t) => ({ t, key: `${t.s}\u0000${t.p}\u0000${objectKey(t.o)}` }));
  keyed.sort((a, b) => compare(a.key, b.key));
  return keyed.filter((k, i) => i === 0 || k.key !== keyed[i - 1].key).map((k) => k.t);
}

function toQuad(t: DemoTriple): Quad {
  const { namedNode, literal, quad } = DataFactory;
  let object;
  if ('iri' in t.o) object = namedNode(t.o.iri);
  else if (t.o.lang) object = literal(t.o.value, t.o.lang);
  else if (t.o.datatype) object = literal(t.o.value, namedNode(t.o.datatype));
  else object = literal(t.o.value);
  return quad(namedNode(t.s), namedNode(t.p), object);
}

/**
 * Serialises triples as Turtle (with prefixes) or N-Triples, in sorted order, so the same triples always give the
 * same bytes.
 */
export function writeRdf(triples: readonly DemoTriple[], format: 'turtle' | 'n-triples', prefixes: Record<string, string> = {}, header = ''): string {
  const writer = format === 'turtle' ? new Writer({ prefixes }) : new Writer({ format: 'N-Triples' });
  for (const t of sortTriples(triples)) writer.addQuad(toQuad(t));
  let out = '';
  writer.end((error: Error | null, result: string) => {
    if (error) throw error;
    out = result;
  });
  const comment = header ? header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n') + '\n' : '';
  return comment + out;
}
