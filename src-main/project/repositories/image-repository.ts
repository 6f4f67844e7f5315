import type { Db } from '../db';

/** Turns an image id into a URL the renderer can load (a custom protocol in Electron, an HTTP path in a browser). */
export type ImageUrlFn = (imageId: number) => string;

/** One stored image: where it came from and, when imported as files, its thumbnail bytes. */
export interface ImageRecord {
  id: number;
  entity: number;
  source: string;
  mime: string | null;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
}

/** Images attached to entities, for the protocol handler and the evidence panes. */
export class ImageRepository {
  private readonly firstStmt;

  constructor(private readonly db: Db) {
    this.firstStmt = db.prepare('SELECT min(id) AS id FROM image WHERE entity = ?').pluck();
  }

  /** One image with its thumbnail bytes, or undefined. */
  byId(id: number): ImageRecord | undefined {
    return this.db.prepare('SELECT id, entity, source, mime, width, height, thumbnail FROM image WHERE id = ?').get(id) as ImageRecord | undefined;
  }

  /** The images of one entity, in import order. */
  ofEntity(entityId: number): { id: number; source: string }[] {
    return this.db.prepare('SELECT id, source FROM image WHERE entity = ? ORDER BY id').all(entityId) as { id: number; source: string }[];
  }

  /** The first image of an entity (its picture in the gallery and the graph), or null. */
  firstOf(entityId: number): number | null {
    return (this.firstStmt.get(entityId) as number | null) ?? null;
  }

  /** Whether the entity has an image feature vector. */
  hasFeature(entityId: number): boolean {
    return this.db.prepare('SELECT 1 FROM image_feature WHERE entity = ?').get(entityId) !== undefined;
  }
}
