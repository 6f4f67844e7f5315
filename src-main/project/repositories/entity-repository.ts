import type { Db } from '../db';
import type { EntitySummary } from '../../shared/dto';
import type { EntityKind, GraphSide } from '../../shared/model';
import { reindexEntities } from './search-index';

/** Entities of both graphs: lookups by id and IRI, and label edits that keep the search index in step. */
export class EntityRepository {
  private readonly byIdStmt;
  private readonly byIriStmt;
  private readonly setLabelStmt;

  constructor(private readonly db: Db) {
    this.byIdStmt = db.prepare('SELECT id, side, iri, label, kind FROM entity WHERE id = ?');
    this.byIriStmt = db.prepare('SELECT id, side, iri, label, kind FROM entity WHERE side = ? AND iri = ?');
    this.setLabelStmt = db.prepare('UPDATE entity SET label = ? WHERE id = ?');
  }

  /** One entity, or undefined. */
  byId(id: number): EntitySummary | undefined {
    return this.byIdStmt.get(id) as EntitySummary | undefined;
  }

  /** The entity with this IRI in one graph, or undefined. */
  byIri(side: GraphSide, iri: string): EntitySummary | undefined {
    return this.byIriStmt.get(side, iri) as EntitySummary | undefined;
  }

  /** IRI -> id for one graph, for bulk writers that resolve millions of references in memory. */
  iriMap(side: GraphSide): Map<string, number> {
    const map = new Map<string, number>();
    for (const row of this.db.prepare('SELECT iri, id FROM entity WHERE side = ?').raw().iterate(side) as Iterable<[string, number]>) {
      map.set(row[0], row[1]);
    }
    return map;
  }

  /** Count of entities of one graph, optionally of one kind. */
  count(side: GraphSide, kind?: EntityKind): number {
    const row = kind
      ? this.db.prepare('SELECT count(*) AS n FROM entity WHERE side = ? AND kind = ?').get(side, kind)
      : this.db.prepare('SELECT count(*) AS n FROM entity WHERE side = ?').get(side);
    return (row as { n: number }).n;
  }

  /** Changes a label (null clears it) and re-indexes the entity for search. */
  setLabel(id: number, label: string | null): void {
    this.db.transaction(() => {
      this.setLabelStmt.run(label, id);
      reindexEntities(this.db, [id]);
    })();
  }
}
