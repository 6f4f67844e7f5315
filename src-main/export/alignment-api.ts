import { type ExportLink, type ExportMeta, OWL_SAME_AS, confidenceOf, formatNumber, isPositive, predicateOf, rdfIri } from './links';

/** XML text or attribute value with the five special characters escaped. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

/** The Alignment API's cardinality type: "11" when no entity appears twice, "**" otherwise. */
function alignmentType(links: readonly ExportLink[]): string {
  const lefts = new Set(links.map((l) => l.subject));
  const rights = new Set(links.map((l) => l.object));
  return lefts.size === links.length && rights.size === links.length ? '11' : '**';
}

/**
 * Alignment API RDF/XML, level 0: one Cell per positive link with entity1, entity2, relation "=" and a measure
 * (1.0 for a curator's accept, the model score clipped to 0..1 for an auto-accepted link). Cross-modal cells
 * carry the foaf:depiction / foaf:depicts IRI as their relation instead of "=".
 */
export function writeAlignmentApi(links: readonly ExportLink[], meta: ExportMeta): string {
  const positive = links.filter(isPositive);
  const onto = (tag: string, target: ExportMeta['subjectsTarget']) => [
    `  <${tag}>`,
    `    <Ontology rdf:about="${xmlEscape(rdfIri(target.iri))}">`,
    `      <location>${xmlEscape(rdfIri(target.iri))}</location>`,
    `    </Ontology>`,
    `  </${tag}>`,
  ];
  const cells = positive.flatMap((l) => {
    const predicate = predicateOf(l);
    const measure = l.status === 'accepted' ? 1 : confidenceOf(l.score) ?? 1;
    return [
      '  <map>',
      '    <Cell>',
      `      <entity1 rdf:resource="${xmlEscape(rdfIri(l.subject))}"/>`,
      `      <entity2 rdf:resource="${xmlEscape(rdfIri(l.object))}"/>`,
      `      <relation>${predicate === OWL_SAME_AS ? '=' : xmlEscape(predicate)}</relation>`,
      `      <measure rdf:datatype="http://www.w3.org/2001/XMLSchema#float">${formatNumber(measure)}</measure>`,
      '    </Cell>',
      '  </map>',
    ];
  });
  return [
    "<?xml version='1.0' encoding='utf-8' standalone='no'?>",
    '<rdf:RDF xmlns="http://knowledgeweb.semanticweb.org/heterogeneity/alignment#"',
    '         xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
    '         xmlns:xsd="http://www.w3.org/2001/XMLSchema#">',
    `<!-- ${xmlEscape(meta.title)}, exported ${xmlEscape(meta.created)} by MMEA Studio ${xmlEscape(meta.toolVersion)}. Cross-modal cells (text entity to image entity) use the relation foaf:depiction or foaf:depicts instead of "=". -->`,
    `<Alignment rdf:about="${xmlEscape(rdfIri(meta.setIri))}">`,
    '  <xml>yes</xml>',
    '  <level>0</level>',
    `  <type>${alignmentType(positive)}</type>`,
    ...onto('onto1', meta.subjectsTarget),
    ...onto('onto2', meta.objectsTarget),
    ...cells,
    '</Alignment>',
    '</rdf:RDF>',
    '',
  ].join('\n');
}
