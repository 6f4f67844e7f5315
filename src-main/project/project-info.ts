import type { Db } from './db';
import type { GraphCounts, ProjectInfo } from '../shared/dto';
import type { GraphSide } from '../shared/model';
import { GoldRepository } from './repositories/gold-repository';
import { ImportLogRepository } from './repositories/import-log-repository';
import { MetaRepository } from './repositories/meta-repository';
import { schemaVersion } from './db';

type Counter = (side: GraphSide) => number;

/** One count per graph, each a single aggregate over indexed columns. */
function counters(db: Db): Record<Exclude<keyof GraphCounts, 'side' | 'name'>, Counter> {
  const count = (sql: string): Counter => {
    const stmt = db.prepare(sql).pluck();
    return (side) => stmt.get(side) as number;
  };
  return {
    entities: count('SELECT count(*) FROM entity WHERE side = ?'),
    textEntities: count("SELECT count(*) FROM entity WHERE side = ? AND kind = 'text'"),
    imageEntities: count("SELECT count(*) FROM entity WHERE side = ? AND kind = 'image'"),
    labelled: count('SELECT count(*) FROM entity WHERE side = ? AND label IS NOT NULL'),
    relations: count('SELECT count(*) FROM relation WHERE side = ?'),
    relTriples: count('SELECT count(*) FROM rel_triple t JOIN relation r ON r.id = t.rel WHERE r.side = ?'),
    withRelations: count(`SELECT count(*) FROM entity e WHERE e.side = ?
      AND (EXISTS (SELECT 1 FROM rel_triple WHERE head = e.id) OR EXISTS (SELECT 1 FROM rel_triple WHERE tail = e.id))`),
    attributes: count('SELECT count(*) FROM attribute WHERE side = ?'),
    attrTriples: count('SELECT count(*) FROM attr_triple t JOIN attribute a ON a.id = t.attr WHERE a.side = ?'),
    withAttributes: count('SELECT count(*) FROM entity e WHERE e.side = ? AND EXISTS (SELECT 1 FROM attr_triple WHERE entity = e.id)'),
    images: count('SELECT count(*) FROM image i JOIN entity e ON e.id = i.entity WHERE e.side = ?'),
    withImages: count('SELECT count(DISTINCT i.entity) FROM image i JOIN entity e ON e.id = i.entity WHERE e.side = ?'),
    withImageFeatures: count('SELECT count(*) FROM image_feature f JOIN entity e ON e.id = f.entity WHERE e.side = ?'),
  };
}

/** Counts of one graph. */
export function graphCounts(db: Db, side: GraphSide): GraphCounts {
  const meta = new MetaRepository(db);
  const result = { side, name: meta.graphName(side) } as GraphCounts;
  for (const [key, counter] of Object.entries(counters(db))) (result as unknown as Record<string, number>)[key] = counter(side);
  return result;
}

/** The overview of a project: name, schema, per-graph counts, gold by split, imports, decisions and runs. */
export function projectInfo(db: Db, path: string): ProjectInfo {
  const meta = new MetaRepository(db);
  // The review log keeps one row per pair with a current verdict in `decision` (a cleared pair has none).
  const decisions = db.prepare('SELECT count(*) FROM decision').pluck().get() as number;
  return {
    path,
    name: meta.get('name') ?? '',
    schemaVersion: schemaVersion(db),
    createdAt: meta.get('created_at') ?? '',
    graphs: [graphCounts(db, 1), graphCounts(db, 2)],
    gold: new GoldRepository(db).counts(),
    imports: new ImportLogRepository(db).list(),
    decisions,
    runs: db.prepare('SELECT count(*) FROM training_run').pluck().get() as number,
  };
}
