import type { Db } from '../db';
import type { EntitySummary } from '../../shared/dto';
import type { GraphSide } from '../../shared/model';

/** The searchable local name of an IRI: the part after the last '/' or '#' (all of it if none), underscores read as spaces. */
export function localName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
  return iri.slice(cut + 1).replaceAll('_', ' ');
}

// SQLite's lower() folds ASCII only; the comparison below does the same, so that the index never depends on locale.
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());

/** The name the search index holds for an entity: its local name, or null where it merely repeats the label. */
export function searchName(iri: string, label: string | null): string | null {
  const name = localName(iri);
  const shown = label ?? '';
  return name.length === shown.length && asciiLower(name) === asciiLower(shown) ? null : name;
}

// The index's name column is computed by searchName, registered as an SQL function on each connection that fills
// the index: an SQL expression for the local name (rtrim by the set of the IRI's own characters) cost as much as
// the trigram indexing itself (0.4-0.5 s per 100,000 entities; the fill fell from 1.0-1.4 s to 0.6-0.7 s).
const withFunction = new WeakSet<Db>();
function ready(db: Db): Db {
  if (!withFunction.has(db)) {
    db.function('mmea_search_name', { deterministic: true }, (iri: unknown, label: unknown) => searchName(String(iri), label === null ? null : String(label)));
    withFunction.add(db);
  }
  return db;
}

/** Adds the entities with firstId <= id < endId to the search index in one statement (imports, run by run). */
export function indexEntities(db: Db, firstId: number, endId: number): void {
  ready(db).prepare('INSERT INTO entity_search (rowid, label, name) SELECT id, label, mmea_search_name(iri, label) FROM entity WHERE id >= ? AND id < ?').run(firstId, endId);
}

/** Re-indexes entities whose label or IRI changed (the index is contentless, so delete then insert). */
export function reindexEntities(db: Db, ids: Iterable<number>): void {
  const remove = db.prepare('DELETE FROM entity_search WHERE rowid = ?');
  const add = ready(db).prepare('INSERT INTO entity_search (rowid, label, name) SELECT id, label, mmea_search_name(iri, label) FROM entity WHERE id = ?');
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
