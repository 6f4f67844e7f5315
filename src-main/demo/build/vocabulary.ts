/**
 * The demo's IRI namespaces. The two graphs deliberately use different namespaces, vocabularies and languages
 * (graph 1 English, graph 2 French) so that nothing but the data itself tells which entities correspond.
 */

/** Base of every IRI minted for the demo. */
export const DEMO_BASE = 'https://demo.mmea.studio/';

export const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const SCHEMA_IMAGE_OBJECT = 'http://schema.org/ImageObject';
/** The imageOf-style relation of the image-node variant: an image node foaf:depicts the entity it shows. */
export const FOAF_DEPICTS = 'http://xmlns.com/foaf/0.1/depicts';
/** The predicate of text-image gold links (entity -> image that depicts it), as the exports write them. */
export const FOAF_DEPICTION = 'http://xmlns.com/foaf/0.1/depiction';

/** Graph 1 (world-countries, English). */
export const KG1 = {
  country: `${DEMO_BASE}kg1/country/`,
  city: `${DEMO_BASE}kg1/city/`,
  language: `${DEMO_BASE}kg1/language/`,
  currency: `${DEMO_BASE}kg1/currency/`,
  region: `${DEMO_BASE}kg1/region/`,
  ontology: `${DEMO_BASE}kg1/ontology/`,
} as const;

/** Graph 2 (countries-list + i18n-iso-countries, French). */
export const KG2 = {
  pays: `${DEMO_BASE}kg2/pays/`,
  ville: `${DEMO_BASE}kg2/ville/`,
  langue: `${DEMO_BASE}kg2/langue/`,
  monnaie: `${DEMO_BASE}kg2/monnaie/`,
  continent: `${DEMO_BASE}kg2/continent/`,
  drapeau: `${DEMO_BASE}kg2/drapeau/`,
  vocabulaire: `${DEMO_BASE}kg2/vocabulaire#`,
} as const;

/** Turtle prefixes for graph 1 files. */
export const KG1_PREFIXES: Record<string, string> = {
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: XSD,
  country: KG1.country,
  city: KG1.city,
  language: KG1.language,
  currency: KG1.currency,
  region: KG1.region,
  onto: KG1.ontology,
};

/** Turtle prefixes for graph 2 files. */
export const KG2_PREFIXES: Record<string, string> = {
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: XSD,
  schema: 'http://schema.org/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  pays: KG2.pays,
  ville: KG2.ville,
  langue: KG2.langue,
  monnaie: KG2.monnaie,
  continent: KG2.continent,
  drapeau: KG2.drapeau,
  voc: KG2.vocabulaire,
};

/**
 * An ASCII local name for a free-text name: accents stripped, anything else but letters and digits becomes '_'.
 * Keeps IRIs readable and valid as Turtle prefixed names.
 */
export function slug(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const cleaned = ascii.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned.length > 0 ? cleaned : 'x';
}
