import type { Db } from '../db';
import type { ImportLogEntry } from '../../shared/dto';
import type { GraphSide } from '../../shared/model';

interface ImportLogRow {
  id: number;
  format: string;
  source: string;
  side: GraphSide | null;
  fingerprint: string;
  imported_at: string;
  counts: string;
}

function toEntry(row: ImportLogRow): ImportLogEntry {
  return { id: row.id, format: row.format, source: row.source, side: row.side, importedAt: row.imported_at, counts: JSON.parse(row.counts) as Record<string, number> };
}

/** The record of every import that landed: what, from where, when, how many rows, and its fingerprint. */
export class ImportLogRepository {
  constructor(private readonly db: Db) {}

  /** The earlier import with this fingerprint, if any. */
  byFingerprint(fingerprint: string): ImportLogEntry | undefined {
    const row = this.db.prepare('SELECT * FROM import_log WHERE fingerprint = ?').get(fingerprint) as ImportLogRow | undefined;
    return row && toEntry(row);
  }

  /** Records a finished import (called inside the import's transaction). */
  add(entry: { format: string; source: string; side: GraphSide | null; fingerprint: string; importedAt: string; counts: Record<string, number> }): number {
    const result = this.db
      .prepare('INSERT INTO import_log (format, source, side, fingerprint, imported_at, counts) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.format, entry.source, entry.side, entry.fingerprint, entry.importedAt, JSON.stringify(entry.counts));
    return Number(result.lastInsertRowid);
  }

  /** Every import, oldest first. */
  list(): ImportLogEntry[] {
    return (this.db.prepare('SELECT * FROM import_log ORDER BY id').all() as ImportLogRow[]).map(toEntry);
  }
}
