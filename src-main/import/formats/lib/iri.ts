import { badInput } from '../../../shared/errors';

/** Where Freebase paths such as `/m/0gtx63s` or `/film/film/genre` live as IRIs (the Freebase RDF dump's form). */
export const FREEBASE_NS = 'http://rdf.freebase.com/ns/';

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Whitespace, controls and angle brackets cannot be repaired: the token is not an IRI.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0020<>\u007f]/;
// Characters IRIs forbid but DBpedia names contain (e.g. `Abraham_"Bram"_Stoker`): percent-encoded, as DBpedia does.
const ESCAPABLE = /["{}|\\^`]/g;

/**
 * Turns an IRI as written in a benchmark file into the IRI we store, or returns an error reason. Angle brackets are
 * dropped; Freebase paths (`/m/0gtx63s`, `/people/person/gender`, as in FB15K) become `http://rdf.freebase.com/ns/m.0gtx63s`
 * so that the id-layout and raw MMKG files name the same entity the same way and exports stay valid RDF.
 */
export function normalizeIri(raw: string): { iri: string } | { error: string } {
  let text = raw.trim();
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1);
  if (text.length === 0) return { error: 'empty IRI' };
  if (FORBIDDEN.test(text)) return { error: `bad IRI "${clip(raw)}" (spaces, control characters or angle brackets)` };
  if (text.startsWith('/') && text.length > 1) text = FREEBASE_NS + text.slice(1).replaceAll('/', '.');
  if (!SCHEME.test(text)) return { error: `bad IRI "${clip(raw)}" (not absolute: no scheme such as http:)` };
  return { iri: text.replace(ESCAPABLE, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')) };
}

/**
 * A readable label from an IRI: its local name (after `/resource/`, else after the last `#`, `/` or `:`),
 * percent-decoded, underscores to spaces.
 */
export function labelFromIri(iri: string): string {
  const resource = iri.indexOf('/resource/');
  let local: string;
  if (resource >= 0) local = iri.slice(resource + '/resource/'.length);
  else {
    const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
    local = cut >= 0 ? iri.slice(cut + 1) : iri.slice(iri.lastIndexOf(':') + 1);
  }
  if (local.length === 0) local = iri;
  let decoded = local;
  try {
    decoded = decodeURIComponent(local);
  } catch {
    // A stray % that is not an escape: show the name as written.
  }
  return decoded.replaceAll('_', ' ').trim() || iri;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An IRI as stored, or BAD_INPUT naming the file and line. */
export function requireIri(raw: string, file: string, line: number): string {
  const result = normalizeIri(raw);
  if ('error' in result) throw badInput(file, line, result.error);
  return result.iri;
}
