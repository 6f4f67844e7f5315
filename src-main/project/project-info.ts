import type { Db } from './db';
import type { GraphCounts, ProjectInfo } from '../shared/dto';
import type { GraphSide } from '../shared/model';
import { GoldRepository } from './repositories/gold-repository';
import { ImportLogRepository } from './repositories/import-log-repository';
import { MetaRepository } from './repositories/meta-repository';
import { schemaVersion } from './db';

type Counts = Omit<GraphCounts, 'side' | 'name'>;

/**
 * The counts of both graphs, each query one pass (entities by side through the (side, iri) index, triples through
 * their relation/attribute's side), so that the overview of a 40,000-entity project takes tens of milliseconds.
 */
function allCounts(db: Db): [Counts, Counts] {
  const perSide = (sql: string) => {
    const out = [0, 0, 0];
    for (const [side, n] of db.prepare(sql).raw().all() as [number, number][]) out[side] = n;
    return out;
  };
  const entityRows = db.prepare(`SELECT side, count(*), sum(kind = 'text'), sum(kind = 'image'), sum(label IS NOT NULL)
    FROM entity GROUP BY side`).raw().all() as [number, number, number, number, number][];
  const entities = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  for (const [side, ...rest] of entityRows) entities[side] = rest;
  const relations = perSide('SELECT side, count(*) FROM relation GROUP BY side');
  const relTriples = perSide('SELECT r.side, count(*) FROM rel_triple t JOIN relation r ON r.id = t.rel GROUP BY r.side');
  const attributes = perSide('SELECT side, count(*) FROM attribute GROUP BY side');
  const attrTriples = perSide('SELECT a.side, count(*) FROM attr_triple t JOIN attribute a ON a.id = t.attr GROUP BY a.side');
  const images = perSide('SELECT e.side, count(*) FROM image i JOIN entity e ON e.id = i.entity GROUP BY e.side');
  const withImages = perSide('SELECT e.side, count(DISTINCT i.entity) FROM image i JOIN entity e ON e.id = i.entity GROUP BY e.side');
  const withImageFeatures = perSide('SELECT e.side, count(*) FROM image_feature f JOIN entity e ON e.id = f.entity GROUP BY e.side');
  const withRelations = perSide(`SELECT e.side, count(*) FROM entity e
    WHERE EXISTS (SELECT 1 FROM rel_triple WHERE head = e.id) OR EXISTS (SELECT 1 FROM rel_triple WHERE tail = e.id) GROUP BY e.side`);
  const withAttributes = perSide('SELECT e.side, count(*) FROM entity e WHERE EXISTS (SELECT 1 FROM attr_triple WHERE entity = e.id) GROUP BY e.side');
  const side = (s: GraphSide): Counts => ({
    entities: entities[s][0], textEntities: entities[s][1] ?? 0, imageEntities: entities[s][2] ?? 0, labelled: entities[s][3] ?? 0,
    relations: relations[s], relTriples: relTriples[s], withRelations: withRelations[s],
    attributes: attributes[s], attrTriples: attrTriples[s], withAttributes: withAttributes[s],
    images: images[s], withImages: withImages[s], withImageFeatures: withImageFeatures[s],
  });
  return [side(1), side(2)];
}

/** Counts of one graph. */
export function graphCounts(db: Db, side: GraphSide): GraphCounts {
  return { side, name: new MetaRepository(db).graphName(side), ...allCounts(db)[side - 1] };
}

/** The overview of a project: name, schema, per-graph counts, gold by split, imports, decisions and runs. */
export function projectInfo(db: Db, path: string): ProjectInfo {
  const meta = new MetaRepository(db);
  // The review log keeps one row per pair with a current verdict in `decision` (a cleared pair has none).
  const decisions = db.prepare('SELECT count(*) FROM decision').pluck().get() as number;
  const counts = allCounts(db);
  return {
    path,
    name: meta.get('name') ?? '',
    schemaVersion: schemaVersion(db),
    createdAt: meta.get('created_at') ?? '',
    graphs: [{ side: 1, name: meta.graphName(1), ...counts[0] }, { side: 2, name: meta.graphName(2), ...counts[1] }],
    gold: new GoldRepository(db).counts(),
    imports: new ImportLogRepository(db).list(),
    decisions,
    runs: db.prepare('SELECT count(*) FROM training_run').pluck().get() as number,
  };
}
