import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../shared/errors';
import type { ProjectInfo } from '../shared/dto';
import { openDatabase, type Db } from './db';
import { projectInfo } from './project-info';
import { EntityRepository } from './repositories/entity-repository';
import { GoldRepository } from './repositories/gold-repository';
import { GraphQueries } from './repositories/graph-queries';
import { ImageRepository, type ImageUrlFn } from './repositories/image-repository';
import { ImportLogRepository } from './repositories/import-log-repository';
import { MetaRepository } from './repositories/meta-repository';

/** How a store is opened: the image URL scheme depends on the shell (custom protocol in Electron, HTTP path in a browser). */
export interface StoreOptions {
  imageUrl?: ImageUrlFn;
  readonly?: boolean;
}

const defaultImageUrl: ImageUrlFn = (id) => `mmea-image://image/${id}`;

/**
 * One open project file. Hands out the db handle (for repositories other domains own) and this domain's
 * repositories, each preparing its statements once on this connection.
 */
export class ProjectStore {
  readonly entities: EntityRepository;
  readonly gold: GoldRepository;
  readonly images: ImageRepository;
  readonly imports: ImportLogRepository;
  readonly meta: MetaRepository;
  readonly graph: GraphQueries;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly db: Db,
    imageUrl: ImageUrlFn,
  ) {
    this.entities = new EntityRepository(db);
    this.gold = new GoldRepository(db);
    this.images = new ImageRepository(db);
    this.imports = new ImportLogRepository(db);
    this.meta = new MetaRepository(db);
    this.graph = new GraphQueries(db, this.images, this.gold, imageUrl);
  }

  /** Creates a new project file; refuses to overwrite anything that already exists (other than an empty file). */
  static create(path: string, name: string, options: StoreOptions = {}): ProjectStore {
    const full = path === ':memory:' ? path : resolve(path);
    if (full !== ':memory:' && existsSync(full) && statSync(full).size > 0) {
      throw new AppError('IO', `${full} already exists`, { hint: 'Pick a new file name, or open the existing project.' });
    }
    const db = openDatabase(full, { create: true });
    const store = new ProjectStore(full, db, options.imageUrl ?? defaultImageUrl);
    db.transaction(() => {
      store.meta.set('name', name.trim() || 'Untitled project');
      store.meta.set('created_at', new Date().toISOString());
    })();
    return store;
  }

  /** Opens an existing project (migrating it if it is older), refusing non-projects and files from a newer version. */
  static open(path: string, options: StoreOptions = {}): ProjectStore {
    const full = path === ':memory:' ? path : resolve(path);
    const db = openDatabase(full, { readonly: options.readonly });
    return new ProjectStore(full, db, options.imageUrl ?? defaultImageUrl);
  }

  /** The project's name. */
  get name(): string {
    return this.meta.get('name') ?? '';
  }

  /** The overview counts (per graph, per modality, gold, imports, decisions, runs). */
  info(): ProjectInfo {
    return projectInfo(this.db, this.path);
  }

  /**
   * A second connection to the same file for a long write transaction (an import): its rollback can never take
   * writes made meanwhile on the main connection (a curator's decisions) with it. In-memory projects share one.
   */
  openWriter(): { db: Db; close(): void } {
    if (this.path === ':memory:') return { db: this.db, close: () => undefined };
    const db = openDatabase(this.path);
    return { db, close: () => db.close() };
  }

  /** Closes the file (checkpointing the WAL); further use throws. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** Whether close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }
}
