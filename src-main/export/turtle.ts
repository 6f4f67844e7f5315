import { type ExportLink, type ExportMeta, FOAF_DEPICTION, FOAF_DEPICTS, OWL_SAME_AS, isPositive, predicateOf } from './links';
import { iriRef, voidTriples } from './ntriples';

const PREFIXES: [string, string][] = [
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['foaf', 'http://xmlns.com/foaf/0.1/'],
  ['void', 'http://rdfs.org/ns/void#'],
  ['dcterms', 'http://purl.org/dc/terms/'],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
];

/** A vocabulary IRI as a prefixed name where one of our prefixes covers it (local names here are plain words). */
function term(iri: string): string {
  if (iri === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type') return 'a';
  for (const [prefix, ns] of PREFIXES) {
    if (iri.startsWith(ns) && /^[A-Za-z][A-Za-z0-9]*$/.test(iri.slice(ns.length))) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iriRef(iri);
}

/** The same links and VoID description as Turtle: prefixes for the vocabulary, full IRIs for entities. */
export function writeSameAsTurtle(links: readonly ExportLink[], meta: ExportMeta): string {
  const out: string[] = PREFIXES.map(([p, ns]) => `@prefix ${p}: <${ns}> .`);
  out.push('');
  const groups = [OWL_SAME_AS, FOAF_DEPICTION, FOAF_DEPICTS];
  for (const predicate of groups) {
    const group = links.filter((l) => isPositive(l) && predicateOf(l) === predicate);
    for (const l of group) out.push(`${iriRef(l.subject)} ${term(predicate)} ${iriRef(l.object)} .`);
  }
  out.push('');
  // The VoID block grouped by subject, one predicate-object pair per line.
  let current = '';
  const triples = voidTriples(links, meta);
  triples.forEach(([s, p, o], i) => {
    const object = o.startsWith('<') ? term(o.slice(1, -1)) : o.replace(/\^\^<([^>]+)>$/, (_, dt: string) => `^^${term(dt)}`);
    const end = i + 1 < triples.length && triples[i + 1][0] === s ? ' ;' : ' .';
    out.push(s === current ? `    ${term(p)} ${object}${end}` : `${iriRef(s)} ${term(p)} ${object}${end}`);
    current = end === ' ;' ? s : '';
  });
  return out.join('\n') + '\n';
}
