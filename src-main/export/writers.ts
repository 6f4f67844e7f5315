import type { ExportFormatId } from '../shared/dto';
import { writeAlignmentApi } from './alignment-api';
import { writeCsv } from './csv';
import type { ExportLink, ExportMeta } from './links';
import { writeSameAsNTriples } from './ntriples';
import { writeOpenEaLinks } from './openea-links';
import { writeSssom } from './sssom';
import { writeSameAsTurtle } from './turtle';

/** What a writer produces: one file's text, or a folder's files (relative path -> text). */
export type ExportOutput = { kind: 'file'; text: string } | { kind: 'folder'; files: Map<string, string> };

/** One export format: pure, rows in, text out. */
export interface ExportWriter {
  id: ExportFormatId;
  title: string;
  /** The file name extension a save dialog proposes ('' for a folder). */
  extension: string;
  write(links: readonly ExportLink[], meta: ExportMeta): ExportOutput;
}

const file = (text: string): ExportOutput => ({ kind: 'file', text });

/** Every export format by id. */
export const EXPORT_WRITERS: Readonly<Record<ExportFormatId, ExportWriter>> = {
  'sameas-nt': { id: 'sameas-nt', title: 'owl:sameAs N-Triples with VoID', extension: 'nt', write: (l, m) => file(writeSameAsNTriples(l, m)) },
  'sameas-ttl': { id: 'sameas-ttl', title: 'owl:sameAs Turtle with VoID', extension: 'ttl', write: (l, m) => file(writeSameAsTurtle(l, m)) },
  sssom: { id: 'sssom', title: 'SSSOM/TSV', extension: 'sssom.tsv', write: (l, m) => file(writeSssom(l, m)) },
  'alignment-api': { id: 'alignment-api', title: 'Alignment API RDF/XML (level 0)', extension: 'rdf', write: (l, m) => file(writeAlignmentApi(l, m)) },
  'openea-links': { id: 'openea-links', title: 'OpenEA ent_links with 5 folds (folder)', extension: '', write: (l) => ({ kind: 'folder', files: writeOpenEaLinks(l) }) },
  csv: { id: 'csv', title: 'CSV (RFC 4180)', extension: 'csv', write: (l) => file(writeCsv(l)) },
};

/** The first `lines` lines of an output (a folder shows its ent_links), for the export preview. */
export function previewOf(output: ExportOutput, lines: number): string {
  const text = output.kind === 'file' ? output.text : output.files.get('ent_links') ?? '';
  return text.split(/\r?\n/).slice(0, Math.max(0, lines)).join('\n');
}
