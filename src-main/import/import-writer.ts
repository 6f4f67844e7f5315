import type { Statement } from 'better-sqlite3';
import type { Db } from '../project/db';
import type { EntityKind, GoldSplit, GraphSide } from '../shared/model';
import { AppError } from '../shared/errors';
import { indexEntities, reindexEntities } from '../project/repositories/search-index';
import { ENTITY_REFS, type ImportRecord, type RecordBatchArray } from './import-format';
import { BulkIndexes } from './bulk-indexes';
import { BatchInsert } from './batch-insert';
import { TripleBuffer } from './triple-buffer';

/** What one import wrote; the keys appear in import_log and in the CLI's summary. */
export interface ImportCounts {
  entities: number;
  entitiesUpdated: number;
  relations: number;
  relTriples: number;
  attributes: number;
  attrTriples: number;
  images: number;
  imageFeatures: number;
  gold: number;
  goldUpdated: number;
}

/** New entities are added to the search index in runs of at least this many. */
const INDEX_EVERY = 10_000;

type SideMaps = [unknown, Map<string, number> | null, Map<string, number> | null];

function blob(vector: Float32Array | Uint8Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/**
 * Turns import records into rows with statements prepared once, resolving IRIs through in-memory maps (primed from
 * the database the first time a graph is touched). Must run inside the caller's transaction; never deletes rows and
 * never touches decisions.
 */
export class ImportWriter {
  readonly counts: ImportCounts = { entities: 0, entitiesUpdated: 0, relations: 0, relTriples: 0, attributes: 0, attrTriples: 0, images: 0, imageFeatures: 0, gold: 0, goldUpdated: 0 };
  /** Ids from here on were created by this import (one writer at a time: the transaction is IMMEDIATE). */
  readonly firstNewId: number;
  private readonly entityIds: SideMaps = [null, null, null];
  private readonly relationIds: SideMaps = [null, null, null];
  private readonly attributeIds: SideMaps = [null, null, null];
  private readonly relabelled = new Set<number>();
  // Entities below this id are in the search index (or were there before this import): a new label means reindexing.
  private indexedBelow: number;
  private nextEntityId: number;
  // Entity ids by the ref a format gave with the entity record, per side (see ENTITY_REFS).
  private readonly refIds: [unknown, number[], number[]] = [null, [], []];
  private readonly s: Record<string, Statement>;
  private readonly bulk: BulkIndexes;
  private relTriplesStarted = false;
  private attrTriplesStarted = false;
  private readonly relTriples: TripleBuffer;
  private readonly attrTriples: BatchInsert;

  constructor(private readonly db: Db) {
    this.firstNewId = (db.prepare('SELECT coalesce(max(id), 0) + 1 FROM entity').pluck().get() as number);
    this.indexedBelow = this.nextEntityId = this.firstNewId;
    this.bulk = new BulkIndexes(db);
    this.relTriples = new TripleBuffer(new BatchInsert(db, 'rel_triple', ['head', 'rel', 'tail']));
    this.attrTriples = new BatchInsert(db, 'attr_triple', ['entity', 'attr', 'value', 'datatype', 'lang']);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertEntity: p('INSERT INTO entity (side, iri, label, kind) VALUES (?, ?, ?, ?)'),
      setLabel: p('UPDATE entity SET label = ? WHERE id = ? AND label IS NOT ?'),
      setKind: p('UPDATE entity SET kind = ? WHERE id = ? AND kind IS NOT ?'),
      kindOf: p('SELECT kind FROM entity WHERE id = ?').pluck(),
      insertRelation: p('INSERT INTO relation (side, iri) VALUES (?, ?)'),
      insertAttribute: p('INSERT INTO attribute (side, iri) VALUES (?, ?)'),
      upsertImage: p(`INSERT INTO image (entity, source, mime, width, height, thumbnail, feature) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (entity, source) DO UPDATE SET mime = coalesce(excluded.mime, mime), width = coalesce(excluded.width, width),
          height = coalesce(excluded.height, height), thumbnail = coalesce(excluded.thumbnail, thumbnail), feature = coalesce(excluded.feature, feature)`),
      upsertFeature: p(`INSERT INTO image_feature (entity, encoder, dim, vector) VALUES (?, ?, ?, ?)
        ON CONFLICT (entity) DO UPDATE SET encoder = excluded.encoder, dim = excluded.dim, vector = excluded.vector`),
      insertGold: p('INSERT OR IGNORE INTO gold_link (left, right, split) VALUES (?, ?, ?)'),
      // A later, more specific split (train/valid/test) refines an 'unsplit' link; 'unsplit' never erases a split.
      refineGold: p("UPDATE gold_link SET split = ? WHERE left = ? AND right = ? AND split <> ? AND ? <> 'unsplit'"),
    };
  }

  /** Writes a batch as a format yielded it, using its entity refs when it has them (see ENTITY_REFS). */
  writeBatch(batch: RecordBatchArray): void {
    const refs = batch[ENTITY_REFS];
    if (refs === undefined) for (let i = 0; i < batch.length; i++) this.write(batch[i]);
    else for (let i = 0; i < batch.length; i++) this.write(batch[i], refs[2 * i], refs[2 * i + 1]);
    // Index new entities as they come, a few thousand at a time: with a reader thread, this thread would
    // otherwise wait for the parser and then fill the whole search index at the end.
    if (this.nextEntityId - this.indexedBelow >= INDEX_EVERY) this.indexNewEntities();
  }

  /**
   * Writes one record, with its entity refs if any (-1 for none). Throws AppError('BAD_INPUT') for gold links
   * naming entities that do not exist.
   */
  write(r: ImportRecord, first = -1, second = -1): void {
    switch (r.type) {
      case 'entity': {
        const id = this.declare(r.side, r.iri, r.label, r.kind);
        if (first >= 0) this.refIds[r.side][first] = id;
        break;
      }
      case 'label':
        this.declare(r.side, r.iri, r.label, undefined);
        break;
      case 'kind':
        this.declare(r.side, r.iri, undefined, r.kind);
        break;
      case 'relTriple':
        if (!this.relTriplesStarted) this.relTriplesStarted = (this.bulk.beforeFirstInsert('rel_triple'), true);
        this.relTriples.push(
          this.entityByRef(r.side, first, r.head),
          this.relation(r.side, r.rel),
          this.entityByRef(r.side, second, r.tail),
        );
        this.counts.relTriples++;
        break;
      case 'attrTriple':
        if (!this.attrTriplesStarted) this.attrTriplesStarted = (this.bulk.beforeFirstInsert('attr_triple'), true);
        this.attrTriples.push(this.entityByRef(r.side, first, r.entity), this.attribute(r.side, r.attr), r.value, r.datatype ?? null, r.lang ?? null);
        this.counts.attrTriples++;
        break;
      case 'image':
        this.s.upsertImage.run(this.entity(r.side, r.entity), r.source, r.mime ?? null, r.width ?? null, r.height ?? null,
          r.thumbnail ? blob(r.thumbnail) : null, r.feature ? blob(r.feature) : null);
        this.counts.images++;
        break;
      case 'imageFeature':
        this.s.upsertFeature.run(this.entity(r.side, r.entity), r.encoder, r.vector.length, blob(r.vector));
        this.counts.imageFeatures++;
        break;
      case 'gold':
        this.goldLink(r.left, r.right, r.split);
        break;
    }
  }

  /** An existing entity's id and kind (including ones created earlier in this import), or null. */
  lookup(side: GraphSide, iri: string): { id: number; kind: EntityKind } | null {
    const id = this.ids(side).get(iri);
    return id === undefined ? null : { id, kind: this.s.kindOf.get(id) as EntityKind };
  }

  /** Rebuilds indexes dropped for the bulk load and brings the search index up to date. */
  finish(): void {
    this.relTriples.flush();
    this.attrTriples.flush();
    this.bulk.restore();
    this.indexNewEntities();
    reindexEntities(this.db, this.relabelled);
  }

  private ids(side: GraphSide): Map<string, number> {
    return (this.entityIds[side] ??= this.load('SELECT iri, id FROM entity WHERE side = ?', side));
  }

  private load(sql: string, side: GraphSide): Map<string, number> {
    const map = new Map<string, number>();
    for (const [iri, id] of this.db.prepare(sql).raw().iterate(side) as Iterable<[string, number]>) map.set(iri, id);
    return map;
  }

  /** The entity's id by its ref when it has one this writer knows, else by IRI. */
  private entityByRef(side: GraphSide, ref: number, iri: string): number {
    if (ref >= 0) {
      const id = this.refIds[side][ref];
      if (id !== undefined) return id;
    }
    return this.entity(side, iri);
  }

  /** Creates or updates the entity; returns its id. */
  private declare(side: GraphSide, iri: string, label: string | undefined, kind: EntityKind | undefined): number {
    const map = this.ids(side);
    const id = map.get(iri);
    if (id === undefined) {
      const created = this.insertEntity(side, iri, label ?? null, kind ?? 'text');
      map.set(iri, created);
      return created;
    }
    let changed = false;
    if (label !== undefined && this.s.setLabel.run(label, id, label).changes > 0) {
      changed = true;
      if (id < this.indexedBelow) this.relabelled.add(id);
    }
    if (kind !== undefined && this.s.setKind.run(kind, id, kind).changes > 0) changed = true;
    if (changed && id < this.firstNewId) this.counts.entitiesUpdated++;
    return id;
  }

  private insertEntity(side: GraphSide, iri: string, label: string | null, kind: EntityKind): number {
    this.counts.entities++;
    const id = Number(this.s.insertEntity.run(side, iri, label, kind).lastInsertRowid);
    this.nextEntityId = id + 1;
    return id;
  }

  private indexNewEntities(): void {
    if (this.nextEntityId <= this.indexedBelow) return;
    indexEntities(this.db, this.indexedBelow, this.nextEntityId);
    this.indexedBelow = this.nextEntityId;
  }

  /** The id of an entity, created (unlabelled, text) when a triple references an IRI no record declared. */
  private entity(side: GraphSide, iri: string): number {
    const map = this.ids(side);
    let id = map.get(iri);
    if (id === undefined) {
      id = this.insertEntity(side, iri, null, 'text');
      map.set(iri, id);
    }
    return id;
  }

  private relation(side: GraphSide, iri: string): number {
    const map = (this.relationIds[side] ??= this.load('SELECT iri, id FROM relation WHERE side = ?', side));
    let id = map.get(iri);
    if (id === undefined) {
      id = Number(this.s.insertRelation.run(side, iri).lastInsertRowid);
      map.set(iri, id);
      this.counts.relations++;
    }
    return id;
  }

  private attribute(side: GraphSide, iri: string): number {
    const map = (this.attributeIds[side] ??= this.load('SELECT iri, id FROM attribute WHERE side = ?', side));
    let id = map.get(iri);
    if (id === undefined) {
      id = Number(this.s.insertAttribute.run(side, iri).lastInsertRowid);
      map.set(iri, id);
      this.counts.attributes++;
    }
    return id;
  }

  private goldLink(left: string, right: string, split: GoldSplit): void {
    const l = this.ids(1).get(left);
    const r = this.ids(2).get(right);
    if (l === undefined || r === undefined) {
      const [missing, side] = l === undefined ? [left, 1] : [right, 2];
      throw new AppError('BAD_INPUT', `gold link ${left} = ${right}: ${missing} is not an entity of graph ${side}`, {
        hint: 'Gold links name the graph-1 entity first; import both graphs before (or together with) their gold links.',
      });
    }
    if (this.s.insertGold.run(l, r, split).changes > 0) this.counts.gold++;
    else if (this.s.refineGold.run(split, l, r, split, split).changes > 0) this.counts.goldUpdated++;
  }
}
