import type { Statement } from 'better-sqlite3';
import { openDatabase, type Db } from '../../project/db';
import type { EntityKind, GraphSide } from '../../shared/model';

/**
 * ImportContext.lookupEntity for a reader thread: answers from the project file as committed, on a read-only
 * connection of its own, opened on the first question. It cannot see what the running import has written (that
 * is uncommitted, on the writer's connection), so it serves only formats that ask about entities the import does
 * not create: RDF asks about the other graph's entities when one graph is imported (owl:sameAs as gold).
 */
export class ProjectLookup {
  private db: Db | null = null;
  private query: Statement | null = null;

  constructor(private readonly path: string) {}

  /** The entity's id and kind, or null. */
  find(side: GraphSide, iri: string): { id: number; kind: EntityKind } | null {
    if (!this.query) {
      this.db = openDatabase(this.path, { readonly: true });
      this.query = this.db.prepare('SELECT id, kind FROM entity WHERE side = ? AND iri = ?');
    }
    return (this.query.get(side, iri) as { id: number; kind: EntityKind } | undefined) ?? null;
  }

  /** Closes the connection, if one was opened. */
  close(): void {
    this.db?.close();
    this.db = null;
    this.query = null;
  }
}
