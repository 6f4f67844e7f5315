import type { Db } from '../db';
import type { EntityDetail, EntitySummary, GalleryFilter, GalleryItem, Neighbourhood } from '../../shared/dto';
import type { GraphSide } from '../../shared/model';
import { AppError } from '../../shared/errors';
import type { ImageRepository, ImageUrlFn } from './image-repository';
import type { GoldRepository } from './gold-repository';
import { searchEntities } from './search-index';
import { CrossLinks } from './cross-links';

/** Cap on relations and attributes listed in one entity's detail: hubs have tens of thousands. */
const DETAIL_LIMIT = 1000;
const MAX_DEPTH = 3;
const MAX_NODES = 5000;

/**
 * Entities a curator already treats as aligned: gold links, and pairs whose current decision (the `decision` table
 * the review log keeps in step with decision_event) is an accept. Evaluated once per query as an IN-list.
 */
const ALIGNED_IDS = `SELECT left FROM gold_link UNION SELECT right FROM gold_link
  UNION SELECT left FROM decision WHERE verdict = 'accept' UNION SELECT right FROM decision WHERE verdict = 'accept'`;

/** Entities with a modality frozen by the latest finished training run. */
const FROZEN_IDS = `SELECT entity FROM frozen_modality WHERE run = (SELECT max(id) FROM training_run WHERE status = 'done')`;

const GALLERY_WHERE: Record<GalleryFilter['filter'], string> = {
  all: '',
  aligned: `AND e.id IN (${ALIGNED_IDS})`,
  unaligned: `AND e.id NOT IN (${ALIGNED_IDS})`,
  'missing-image': 'AND NOT EXISTS (SELECT 1 FROM image i WHERE i.entity = e.id)',
  frozen: `AND e.id IN (${FROZEN_IDS})`,
};

/** The read-side queries the graph, gallery and evidence views need. */
export class GraphQueries {
  private readonly links: CrossLinks;
  private relationTally: { stamp: string; counts: Map<number, number> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly images: ImageRepository,
    private readonly gold: GoldRepository,
    private readonly imageUrl: ImageUrlFn,
  ) {
    this.links = new CrossLinks(db);
  }

  /** Everything the evidence pane shows for one entity; NOT_FOUND for an unknown id. */
  entity(id: number): EntityDetail {
    const e = this.db.prepare('SELECT id, side, iri, label, kind FROM entity WHERE id = ?').get(id) as EntitySummary | undefined;
    if (!e) throw new AppError('NOT_FOUND', `No entity with id ${id}`);
    const attributes = this.db
      .prepare(`SELECT a.iri AS name, coalesce(t.value, '') AS value, t.datatype FROM attr_triple t JOIN attribute a ON a.id = t.attr
        WHERE t.entity = ? ORDER BY a.iri LIMIT ${DETAIL_LIMIT}`)
      .all(id) as EntityDetail['attributes'];
    const relations = this.db
      .prepare(`SELECT * FROM (SELECT 'out' AS direction, r.iri AS relation, o.id AS otherId, o.label AS otherLabel, o.iri AS otherIri, o.kind AS otherKind
          FROM rel_triple t JOIN relation r ON r.id = t.rel JOIN entity o ON o.id = t.tail WHERE t.head = @id LIMIT ${DETAIL_LIMIT})
        UNION ALL SELECT * FROM (SELECT 'in', r.iri, o.id, o.label, o.iri, o.kind
          FROM rel_triple t JOIN relation r ON r.id = t.rel JOIN entity o ON o.id = t.head WHERE t.tail = @id LIMIT ${DETAIL_LIMIT})`)
      .all({ id }) as EntityDetail['relations'];
    for (const r of relations) r.otherAlignedTo = this.links.alignedTo(r.otherId);
    return {
      ...e,
      attributes,
      relations,
      images: this.images.ofEntity(id).map((img) => ({ ...img, url: this.imageUrl(img.id) })),
      hasImageFeature: this.images.hasFeature(id),
      gold: this.gold.partners(id),
    };
  }

  /** Entities of one graph matching a label or IRI (see searchEntities for the ranking). */
  search(side: GraphSide, text: string, limit: number): EntitySummary[] {
    return searchEntities(this.db, side, text, Math.min(Math.max(0, Math.floor(limit)), 500));
  }

  /** Relations of one graph with their triple counts, most used first. */
  relations(side: GraphSide): { iri: string; count: number }[] {
    // rel_triple has no index on rel (imports stay faster without one), so counting is one pass over the column,
    // which JS tallies about twice as fast as SQLite's GROUP BY. Triples are only ever added, so the tally is kept
    // until the import log or the last triple rowid changes.
    const stamp = this.db.prepare("SELECT (SELECT coalesce(max(id), 0) FROM import_log) || '/' || (SELECT coalesce(max(rowid), 0) FROM rel_triple)").pluck().get() as string;
    if (this.relationTally?.stamp !== stamp) {
      const counts = new Map<number, number>();
      for (const rel of this.db.prepare('SELECT rel FROM rel_triple').pluck().all() as number[]) counts.set(rel, (counts.get(rel) ?? 0) + 1);
      this.relationTally = { stamp, counts };
    }
    const counts = this.relationTally.counts;
    return (this.db.prepare('SELECT id, iri FROM relation WHERE side = ?').all(side) as { id: number; iri: string }[])
      .map((r) => ({ iri: r.iri, count: counts.get(r.id) ?? 0 }))
      .sort((a, b) => b.count - a.count || (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
  }

  /**
   * The entities within `depth` hops (both directions, at most 3) of a centre, breadth first, following only the
   * given relations (IRIs; null = all), stopping at maxNodes; edges are every triple between included nodes.
   */
  neighbourhood(center: number, depth: number, relations: string[] | null, maxNodes: number): Neighbourhood {
    const start = this.db.prepare('SELECT side FROM entity WHERE id = ?').get(center) as { side: GraphSide } | undefined;
    if (!start) throw new AppError('NOT_FOUND', `No entity with id ${center}`);
    const relIri = new Map<number, string>();
    for (const r of this.db.prepare('SELECT id, iri FROM relation WHERE side = ?').all(start.side) as { id: number; iri: string }[]) relIri.set(r.id, r.iri);
    const allowed = relations ? new Set([...relIri].filter(([, iri]) => relations.includes(iri)).map(([id]) => id)) : null;
    const limit = Math.min(Math.max(1, Math.floor(maxNodes)), MAX_NODES);
    const hops = Math.min(Math.max(0, Math.floor(depth)), MAX_DEPTH);
    const out = this.db.prepare('SELECT rel, tail FROM rel_triple WHERE head = ? ORDER BY rel, tail').raw();
    const inc = this.db.prepare('SELECT rel, head FROM rel_triple WHERE tail = ? ORDER BY rel, head').raw();
    const depthOf = new Map<number, number>([[center, 0]]);
    let frontier = [center];
    let truncated = false;
    for (let d = 1; d <= hops && frontier.length > 0 && !truncated; d++) {
      const next: number[] = [];
      for (const node of frontier) {
        for (const stmt of [out, inc]) {
          for (const [rel, other] of stmt.all(node) as [number, number][]) {
            if ((allowed && !allowed.has(rel)) || depthOf.has(other)) continue;
            if (depthOf.size >= limit) {
              truncated = true;
              break;
            }
            depthOf.set(other, d);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    const edges: Neighbourhood['edges'] = [];
    const seen = new Set<string>();
    for (const node of depthOf.keys()) {
      for (const [rel, tail] of out.all(node) as [number, number][]) {
        const key = `${node} ${rel} ${tail}`;
        if ((allowed && !allowed.has(rel)) || !depthOf.has(tail) || seen.has(key)) continue;
        seen.add(key);
        edges.push({ source: node, target: tail, relation: relIri.get(rel) ?? String(rel) });
      }
    }
    const summary = this.db.prepare('SELECT id, side, iri, label, kind FROM entity WHERE id = ?');
    const run = this.links.currentRun();
    const nodes = [...depthOf].map(([id, d]) => {
      const image = this.images.firstOf(id);
      return { ...(summary.get(id) as EntitySummary), depth: d, imageUrl: image === null ? null : this.imageUrl(image), links: this.links.of(id, run) };
    });
    return { center, nodes, edges, truncated };
  }

  /** One page of the gallery of a graph, with the total for the filter. */
  gallery(filter: GalleryFilter): { total: number; items: GalleryItem[] } {
    const where = `WHERE e.side = @side ${GALLERY_WHERE[filter.filter]}`;
    const params = { side: filter.side };
    const total = (this.db.prepare(`SELECT count(*) AS n FROM entity e ${where}`).get(params) as { n: number }).n;
    // Page first, then compute images and flags for the page only (not for every entity of the graph).
    const rows = this.db
      .prepare(`SELECT e.id, e.side, e.label, e.iri, e.kind, (SELECT min(i.id) FROM image i WHERE i.entity = e.id) AS image,
          e.id IN (${ALIGNED_IDS}) AS aligned, e.id IN (${FROZEN_IDS}) AS frozen
        FROM (SELECT e.id FROM entity e ${where} ORDER BY e.id LIMIT @limit OFFSET @offset) page JOIN entity e ON e.id = page.id
        ORDER BY e.id`)
      .all({ ...params, limit: Math.max(0, Math.floor(filter.limit)), offset: Math.max(0, Math.floor(filter.offset)) }) as
      { id: number; side: GraphSide; label: string | null; iri: string; kind: GalleryItem['kind']; image: number | null; aligned: number; frozen: number }[];
    const items = rows.map((r) => ({
      entityId: r.id, side: r.side, label: r.label, iri: r.iri, kind: r.kind,
      imageUrl: r.image === null ? null : this.imageUrl(r.image), aligned: r.aligned === 1, frozen: r.frozen === 1,
    }));
    return { total, items };
  }
}
