import type { MatchKind } from '../shared/model';

/** Where a link stands: curated (accepted, rejected, unsure) or machine-proposed (auto band, review band). */
export type LinkStatus = 'accepted' | 'rejected' | 'unsure' | 'auto' | 'review';

/** One link to export: the subject is always the graph-1 entity, the object the graph-2 entity. */
export interface ExportLink {
  subject: string;
  subjectLabel: string | null;
  object: string;
  objectLabel: string | null;
  kind: MatchKind;
  /** For a cross-modal link: true when the graph-1 entity is the image (the predicate is then foaf:depicts). */
  subjectIsImage: boolean;
  status: LinkStatus;
  /** The model's score (cosine or CSLS) when known. */
  score: number | null;
  curator: string | null;
  /** ISO date-time of the decision, for curated links. */
  decidedAt: string | null;
  note: string | null;
}

/** What every format states about the set as a whole. */
export interface ExportMeta {
  /** ISO date-time the export was made. */
  created: string;
  title: string;
  /** An absolute IRI naming the link set (SSSOM mapping_set_id, VoID linkset, OpenEA folder has none). */
  setIri: string;
  subjectsTarget: { iri: string; title: string };
  objectsTarget: { iri: string; title: string };
  license: string;
  /** How scores were computed, for SSSOM similarity_measure. */
  scoreMeasure: 'cosine' | 'csls';
  toolVersion: string;
}

export const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
export const FOAF_DEPICTION = 'http://xmlns.com/foaf/0.1/depiction';
export const FOAF_DEPICTS = 'http://xmlns.com/foaf/0.1/depicts';

/** One sentence every format's metadata carries about cross-modal links. */
export const CROSS_MODAL_NOTE =
  'Links between a text entity and an image entity (cross-modal) are not identity: they use foaf:depiction (subject is the thing, object its image) or foaf:depicts (subject is the image), never owl:sameAs.';

/** The predicate a positive link is written with. */
export function predicateOf(link: Pick<ExportLink, 'kind' | 'subjectIsImage'>): string {
  if (link.kind !== 'text-image') return OWL_SAME_AS;
  return link.subjectIsImage ? FOAF_DEPICTS : FOAF_DEPICTION;
}

/**
 * An IRI as RDF serialisations carry it: characters that no IRI may contain (controls, space, <>"{}|^`\\) are
 * percent-encoded (UTF-8), the IRI-to-URI mapping of RFC 3987. Source data does hold such identifiers (DBpedia
 * names with quotes or spaces); parsers reject them raw, and escaping them as \\u would not make them legal.
 */
export function rdfIri(iri: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be encoded
  return iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Links that assert a match (curator-accepted, or auto-accepted by the upper threshold). */
export function isPositive(link: ExportLink): boolean {
  return link.status === 'accepted' || link.status === 'auto';
}

/** A score as a 0..1 confidence (CSLS and negative cosines fall outside that range). */
export function confidenceOf(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(1, Math.max(0, score));
}

/** A number written compactly and exactly enough (6 significant decimals). */
export function formatNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
