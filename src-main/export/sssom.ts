import { type ExportLink, type ExportMeta, CROSS_MODAL_NOTE, confidenceOf, formatNumber, predicateOf } from './links';

/** The columns written, in order; every one is a slot of the SSSOM `mapping` class. */
export const SSSOM_COLUMNS = [
  'subject_id', 'subject_label', 'predicate_id', 'predicate_modifier', 'object_id', 'object_label', 'mapping_justification',
  'author_id', 'author_label', 'mapping_date', 'confidence', 'similarity_score', 'similarity_measure', 'mapping_tool', 'comment',
] as const;

const FIXED_PREFIXES: Record<string, string> = {
  owl: 'http://www.w3.org/2002/07/owl#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  semapv: 'https://w3id.org/semapv/vocab/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  orcid: 'https://orcid.org/',
};

const ORCID = /^(?:https?:\/\/orcid\.org\/|orcid:)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/;

/** An ORCID (bare, CURIE or URL) as an orcid: CURIE, or null for a plain name. */
export function orcidCurie(curator: string): string | null {
  const m = ORCID.exec(curator.trim());
  return m ? `orcid:${m[1]}` : null;
}

/**
 * The namespace shared by a list of IRIs: their longest common prefix, cut back to its last '/' or '#', and only
 * when it names more than a scheme and host. Null when there is none (IRIs are then written in full).
 */
export function commonNamespace(iris: readonly string[]): string | null {
  if (iris.length === 0) return null;
  let prefix = iris[0];
  for (const iri of iris) {
    let i = 0;
    while (i < prefix.length && i < iri.length && prefix[i] === iri[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const cut = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('#'));
  const ns = prefix.slice(0, cut + 1);
  return /^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i.test(ns) || /^urn:/i.test(ns) ? ns : null;
}

/** Local names safe as CURIE references in a TSV cell (no whitespace, no pipe, no quote). */
const SAFE_LOCAL = /^[^\s|"']+$/;

function compact(iri: string, prefixes: [string, string][]): string {
  for (const [p, ns] of prefixes) {
    const local = iri.slice(ns.length);
    if (iri.startsWith(ns) && local.length > 0 && SAFE_LOCAL.test(local)) return `${p}:${local}`;
  }
  return iri;
}

/** Cell text: tabs and line breaks would break the row, so they become spaces. */
const cell = (value: string | null | undefined) => (value ?? '').replace(/[\t\r\n]+/g, ' ');

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yaml = (value: string) => JSON.stringify(value);

/**
 * SSSOM/TSV: the YAML metadata block as `#` lines, then one row per link. Curated rows carry
 * semapv:ManualMappingCuration with the curator (author_id for an ORCID, author_label for a name) and the
 * decision date; machine rows semapv:SemanticSimilarityThresholdMatching with confidence; a rejection is a row
 * with predicate_modifier Not.
 */
export function writeSssom(links: readonly ExportLink[], meta: ExportMeta): string {
  const prefixes: [string, string][] = [];
  const ns1 = commonNamespace(links.map((l) => l.subject));
  const ns2 = commonNamespace(links.map((l) => l.object));
  if (ns1) prefixes.push([ns1 === ns2 ? 'kg' : 'kg1', ns1]);
  if (ns2 && ns2 !== ns1) prefixes.push(['kg2', ns2]);
  const curieMap: Record<string, string> = { ...Object.fromEntries(prefixes), ...FIXED_PREFIXES };
  const header = [
    'curie_map:',
    ...Object.keys(curieMap).sort().map((p) => `  ${p}: ${yaml(curieMap[p])}`),
    `mapping_set_id: ${yaml(meta.setIri)}`,
    `mapping_set_title: ${yaml(meta.title)}`,
    `mapping_set_description: ${yaml(`Links between ${meta.subjectsTarget.title} (subjects) and ${meta.objectsTarget.title} (objects), curated in MMEA Studio. ${CROSS_MODAL_NOTE} Rows with predicate_modifier Not are links a curator rejected.`)}`,
    `license: ${yaml(meta.license)}`,
    // Set-level dates and tool go in non-propagatable slots: mapping_date and mapping_tool are per-row columns here.
    `publication_date: ${yaml(meta.created.slice(0, 10))}`,
    `comment: ${yaml(`Exported by MMEA Studio ${meta.toolVersion}.`)}`,
    `subject_source: ${yaml(meta.subjectsTarget.iri)}`,
    `object_source: ${yaml(meta.objectsTarget.iri)}`,
  ];
  const measure = meta.scoreMeasure === 'csls' ? 'cross-domain similarity local scaling (CSLS) of embeddings' : 'cosine similarity of embeddings';
  const rows = links.map((l) => {
    const curated = l.status === 'accepted' || l.status === 'rejected';
    const orcid = curated && l.curator ? orcidCurie(l.curator) : null;
    const confidence = curated ? null : confidenceOf(l.score);
    const similarity = confidenceOf(l.score);
    const comment = [
      l.status === 'auto' ? 'auto-accepted: score at or above the upper threshold' : '',
      l.status === 'review' ? 'machine-proposed, not yet reviewed' : '',
      l.status === 'unsure' ? 'machine-proposed; the curator marked it unsure' : '',
      l.note ?? '',
    ].filter(Boolean).join('; ');
    const values: Record<(typeof SSSOM_COLUMNS)[number], string> = {
      subject_id: compact(l.subject, prefixes),
      subject_label: cell(l.subjectLabel),
      predicate_id: compact(predicateOf(l), Object.entries(FIXED_PREFIXES)),
      predicate_modifier: l.status === 'rejected' ? 'Not' : '',
      object_id: compact(l.object, prefixes),
      object_label: cell(l.objectLabel),
      mapping_justification: curated ? 'semapv:ManualMappingCuration' : 'semapv:SemanticSimilarityThresholdMatching',
      author_id: orcid ?? '',
      author_label: curated && !orcid ? cell(l.curator) : '',
      mapping_date: curated && l.decidedAt ? l.decidedAt.slice(0, 10) : '',
      confidence: confidence === null ? '' : formatNumber(confidence),
      similarity_score: similarity === null ? '' : formatNumber(similarity),
      similarity_measure: similarity === null ? '' : measure,
      mapping_tool: curated ? '' : `MMEA Studio ${meta.toolVersion}`,
      comment: cell(comment),
    };
    return SSSOM_COLUMNS.map((c) => values[c]).join('\t');
  });
  return [...header.map((h) => `# ${h}`), SSSOM_COLUMNS.join('\t'), ...rows].join('\n') + '\n';
}
