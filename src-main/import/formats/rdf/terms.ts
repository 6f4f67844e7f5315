/** An RDF term as the importer needs it: `t` 0 = IRI, 1 = blank node, 2 = literal. */
export interface RdfTerm {
  t: 0 | 1 | 2;
  /** The IRI, the blank node label as written, or the literal's lexical form. */
  v: string;
  /** Literal datatype; null for plain (xsd:string) and language-tagged literals. */
  dt?: string | null;
  /** Lower-cased language tag of a literal, or null. */
  lang?: string | null;
}

/** One triple (the graph of a quad is not kept) with the line it ends on. */
export interface RdfTriple {
  s: RdfTerm;
  p: RdfTerm;
  o: RdfTerm;
  line: number;
}

export const IRI = 0;
export const BLANK = 1;
export const LITERAL = 2;

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDF_TYPE = `${RDF}type`;
export const RDF_LANG_STRING = `${RDF}langString`;
export const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
export const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';

/** Predicates whose object is a picture of the subject. */
export const IMAGE_PREDICATES: ReadonlySet<string> = new Set([
  'http://xmlns.com/foaf/0.1/depiction',
  'http://xmlns.com/foaf/0.1/img',
  'http://schema.org/image',
  'https://schema.org/image',
  'http://www.wikidata.org/prop/direct/P18',
]);

/** Classes whose instances are images (entities of kind image). */
export const IMAGE_CLASSES: ReadonlySet<string> = new Set([
  'http://schema.org/ImageObject',
  'https://schema.org/ImageObject',
  'http://xmlns.com/foaf/0.1/Image',
  'http://purl.org/dc/dcmitype/Image',
]);
