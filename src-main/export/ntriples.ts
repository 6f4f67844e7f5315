import { type ExportLink, type ExportMeta, OWL_SAME_AS, FOAF_DEPICTION, FOAF_DEPICTS, CROSS_MODAL_NOTE, isPositive, predicateOf, rdfIri } from './links';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const VOID = 'http://rdfs.org/ns/void#';
const DCTERMS = 'http://purl.org/dc/terms/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDFS_COMMENT = 'http://www.w3.org/2000/01/rdf-schema#comment';

/** An IRI as an N-Triples/Turtle IRIREF (forbidden characters percent-encoded, see rdfIri). */
export function iriRef(iri: string): string {
  return `<${rdfIri(iri)}>`;
}

/** A string as a double-quoted N-Triples/Turtle literal body. */
export function stringLiteral(text: string): string {
  return `"${text.replace(/[\\"\n\r]/g, (ch) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' })[ch]!)}"`;
}

/** A linkset per predicate that occurs (owl:sameAs always, so an empty export still describes itself). */
export function linksets(links: readonly ExportLink[], meta: ExportMeta): { iri: string; predicate: string; links: ExportLink[] }[] {
  const positive = links.filter(isPositive);
  const sets = [
    { iri: `${meta.setIri}#sameAs`, predicate: OWL_SAME_AS },
    { iri: `${meta.setIri}#depiction`, predicate: FOAF_DEPICTION },
    { iri: `${meta.setIri}#depicts`, predicate: FOAF_DEPICTS },
  ].map((s) => ({ ...s, links: positive.filter((l) => predicateOf(l) === s.predicate) }));
  return sets.filter((s) => s.predicate === OWL_SAME_AS || s.links.length > 0);
}

/** The VoID description as (subject, predicate, object-term) triples, object terms already serialised. */
export function voidTriples(links: readonly ExportLink[], meta: ExportMeta): [string, string, string][] {
  const t: [string, string, string][] = [];
  for (const target of [meta.subjectsTarget, meta.objectsTarget]) {
    t.push([target.iri, RDF_TYPE, iriRef(`${VOID}Dataset`)]);
    t.push([target.iri, `${DCTERMS}title`, stringLiteral(target.title)]);
  }
  for (const set of linksets(links, meta)) {
    t.push([set.iri, RDF_TYPE, iriRef(`${VOID}Linkset`)]);
    t.push([set.iri, `${DCTERMS}title`, stringLiteral(meta.title)]);
    t.push([set.iri, `${VOID}subjectsTarget`, iriRef(meta.subjectsTarget.iri)]);
    t.push([set.iri, `${VOID}objectsTarget`, iriRef(meta.objectsTarget.iri)]);
    t.push([set.iri, `${VOID}linkPredicate`, iriRef(set.predicate)]);
    t.push([set.iri, `${VOID}triples`, `"${set.links.length}"^^${iriRef(`${XSD}integer`)}`]);
    t.push([set.iri, `${DCTERMS}created`, `${stringLiteral(meta.created)}^^${iriRef(`${XSD}dateTime`)}`]);
    t.push([set.iri, `${DCTERMS}license`, iriRef(meta.license)]);
    if (set.predicate !== OWL_SAME_AS) t.push([set.iri, RDFS_COMMENT, stringLiteral(CROSS_MODAL_NOTE)]);
  }
  return t;
}

/** owl:sameAs (and cross-modal foaf:depiction/depicts) links as N-Triples, then their VoID linksets. */
export function writeSameAsNTriples(links: readonly ExportLink[], meta: ExportMeta): string {
  const lines: string[] = [];
  for (const l of links) if (isPositive(l)) lines.push(`${iriRef(l.subject)} ${iriRef(predicateOf(l))} ${iriRef(l.object)} .`);
  for (const [s, p, o] of voidTriples(links, meta)) lines.push(`${iriRef(s)} ${iriRef(p)} ${o} .`);
  return lines.join('\n') + '\n';
}
