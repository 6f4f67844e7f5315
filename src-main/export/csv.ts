import { type ExportLink, formatNumber, predicateOf } from './links';

/** The CSV header, in order. */
export const CSV_COLUMNS = ['subject_id', 'subject_label', 'predicate', 'object_id', 'object_label', 'kind', 'status', 'score', 'curator', 'decided_at', 'note'];

/** One RFC 4180 field: quoted (quotes doubled) when it holds a comma, a quote, or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Every included link with its status, as RFC 4180 CSV (CRLF line ends, a header row). */
export function writeCsv(links: readonly ExportLink[]): string {
  const rows = links.map((l) => [
    l.subject, l.subjectLabel ?? '', predicateOf(l), l.object, l.objectLabel ?? '', l.kind, l.status,
    l.score === null ? '' : formatNumber(l.score), l.curator ?? '', l.decidedAt ?? '', l.note ?? '',
  ]);
  return [CSV_COLUMNS, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
