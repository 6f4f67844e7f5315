import type { Db } from '../project/db';
import type { GoldSplit } from '../shared/model';

/**
 * The project's graphs as typed arrays over entity rows 0..n-1 (entities in ascending id order), the common
 * ground of features and training data. Relation and attribute ids are renumbered densely, in id order.
 */
export interface ProjectGraph {
  /** Entity id of each row. */
  entityIds: Int32Array;
  side: Int8Array;
  isImage: Int8Array;
  labels: (string | null)[];
  /** Triples as rows (head, tail) and dense relation ids. */
  heads: Int32Array;
  rels: Int32Array;
  tails: Int32Array;
  numRelations: number;
  /** Attribute triples: entity row and dense attribute id. */
  attrEntities: Int32Array;
  attrs: Int32Array;
  numAttributes: number;
  /** Row of an entity id, or -1. */
  rowOf(entityId: number): number;
}

/** Reads entities, relation triples and attribute triples. */
export function loadProjectGraph(db: Db): ProjectGraph {
  const entities = db.prepare('SELECT id, side, kind, label FROM entity ORDER BY id').raw().all() as [number, number, string, string | null][];
  const n = entities.length;
  const entityIds = new Int32Array(n);
  const side = new Int8Array(n);
  const isImage = new Int8Array(n);
  const labels: (string | null)[] = new Array(n);
  const maxId = n ? entities[n - 1][0] : 0;
  const rowById = new Int32Array(maxId + 1).fill(-1);
  entities.forEach(([id, s, kind, label], row) => {
    entityIds[row] = id;
    side[row] = s;
    isImage[row] = kind === 'image' ? 1 : 0;
    labels[row] = label;
    rowById[id] = row;
  });
  const rowOf = (id: number): number => (id >= 0 && id <= maxId ? rowById[id] : -1);

  const relIds = denseIds(db, 'SELECT id FROM relation ORDER BY id');
  const tripleCount = (db.prepare('SELECT count(*) FROM rel_triple').pluck().get() as number) ?? 0;
  const heads = new Int32Array(tripleCount);
  const rels = new Int32Array(tripleCount);
  const tails = new Int32Array(tripleCount);
  let t = 0;
  for (const [h, r, tl] of db.prepare('SELECT head, rel, tail FROM rel_triple').raw().iterate() as Iterable<[number, number, number]>) {
    heads[t] = rowOf(h);
    rels[t] = relIds.get(r) as number;
    tails[t++] = rowOf(tl);
  }

  const attrIds = denseIds(db, 'SELECT id FROM attribute ORDER BY id');
  const attrCount = (db.prepare('SELECT count(*) FROM attr_triple').pluck().get() as number) ?? 0;
  const attrEntities = new Int32Array(attrCount);
  const attrs = new Int32Array(attrCount);
  let a = 0;
  for (const [e, at] of db.prepare('SELECT entity, attr FROM attr_triple').raw().iterate() as Iterable<[number, number]>) {
    attrEntities[a] = rowOf(e);
    attrs[a++] = attrIds.get(at) as number;
  }

  return {
    entityIds, side, isImage, labels, heads, rels, tails, numRelations: relIds.size,
    attrEntities, attrs, numAttributes: attrIds.size, rowOf,
  };
}

function denseIds(db: Db, sql: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const id of db.prepare(sql).pluck().all() as number[]) map.set(id, map.size);
  return map;
}

/** Gold links as entity ids with their split. */
export function loadGold(db: Db): { left: number; right: number; split: GoldSplit }[] {
  return db.prepare('SELECT left, right, split FROM gold_link ORDER BY left, right').all() as { left: number; right: number; split: GoldSplit }[];
}

/**
 * Curators' current verdicts: per pair, the latest active event (schema 001: undo marks events undone, 'clear'
 * withdraws a verdict). Only accept and reject matter to training.
 */
export function loadVerdicts(db: Db): { left: number; right: number; verdict: 'accept' | 'reject' }[] {
  const rows = db.prepare(
    `SELECT d.left, d.right, d.verdict FROM decision_event d
     WHERE d.state = 'active' AND d.seq = (SELECT max(e.seq) FROM decision_event e WHERE e.left = d.left AND e.right = d.right AND e.state = 'active')
     ORDER BY d.seq`,
  ).all() as { left: number; right: number; verdict: string }[];
  return rows.filter((r): r is { left: number; right: number; verdict: 'accept' | 'reject' } => r.verdict === 'accept' || r.verdict === 'reject');
}
