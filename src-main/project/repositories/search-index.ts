import type { Db } from '../db';
import type { EntitySummary } from '../../shared/dto';
import type { GraphSide } from '../../shared/model';

/**
 * The searchable local name of an IRI in SQL: the part after the last '/' or '#', underscores read as spaces
 * (rtrim with the IRI's own non-separator characters strips exactly the local name, leaving the namespace).
 */
export function localNameSql(column: string): string {
  return `replace(substr(${column}, length(rtrim(${column}, replace(replace(${column}, '/', ''), '#', ''))) + 1), '_', ' ')`;
}

/** The local name, or NULL where it merely repeats the label (labels are often made from IRIs): half the trigrams. */
const indexedName = `CASE WHEN lower(${localNameSql('iri')}) = lower(coalesce(label, '')) THEN NULL ELSE ${localNameSql('iri')} END`;

/** Adds every entity with id >= firstId to the search index in one statement (the bulk path used by imports). */
export function indexEntitiesFrom(db: Db, firstId: number): void {
  db.prepare(`INSERT INTO entity_search (rowid, label, name) SELECT id, label, ${indexedName} FROM entity WHERE id >= ?`).run(firstId);
}

/** Re-indexes entities whose label or IRI changed (the index is contentless, so delete then insert). */
export function reindexEntities(db: Db, ids: Iterable<number>): void {
  const remove = db.prepare('DELETE FROM entity_search WHERE rowid = ?');
  const add = db.prepare(`INSERT INTO entity_search (rowid, label, name) SELECT id, label, ${indexedName} FROM entity WHERE id = ?`);
  for (const id of ids) {
    remove.run(id);
    add.run(id);
  }
}

/** Quotes text as one FTS5 phrase so that curator input is never parsed as query syntax. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const ORDER = `ORDER BY (lower(coalesce(e.label, '')) = lower(@text)) DESC, (e.label LIKE @prefix ESCAPE '\\') DESC,
  length(coalesce(e.label, e.iri)), e.id LIMIT @limit`;

/**
 * Finds entities of one graph by label or IRI: an exact IRI first, then substring matches (trigram index for three
 * or more characters, a scan of the index for shorter text), exact and prefix label matches ranked first.
 */
export function searchEntities(db: Db, side: GraphSide, text: string, limit: number): EntitySummary[] {
  const query = text.trim();
  if (!query || limit <= 0) return [];
  const exact = db.prepare('SELECT id, side, iri, label, kind FROM entity WHERE side = ? AND iri = ?').get(side, query) as EntitySummary | undefined;
  const escaped = query.replace(/[\\%_]/g, (c) => `\\${c}`);
  const params = { side, text: query, prefix: `${escaped}%`, limit, match: phrase(query), like: `%${escaped}%` };
  // Trigrams need three characters; shorter text (a two-character Chinese name, say) is matched with LIKE.
  const where = [...query].length >= 3 ? 'entity_search MATCH @match' : `(e.label LIKE @like ESCAPE '\\' OR e.iri LIKE @like ESCAPE '\\')`;
  const from = [...query].length >= 3 ? 'entity_search f JOIN entity e ON e.id = f.rowid' : 'entity e';
  const rows = db.prepare(`SELECT e.id, e.side, e.iri, e.label, e.kind FROM ${from} WHERE ${where} AND e.side = @side ${ORDER}`).all(params) as EntitySummary[];
  if (!exact) return rows;
  return [exact, ...rows.filter((r) => r.id !== exact.id)].slice(0, limit);
}
