import type { Db } from '../db';

/** One stored matrix: rows in the order of `entityIds`, row-major float32 [rows x dim]. */
export interface StoredEmbedding {
  modality: string;
  entityIds: Int32Array;
  dim: number;
  data: Float32Array;
}

/** Entities for which the model froze one content modality (PMF): listed in frozen_modality (migration 003). */
export interface FrozenSet {
  modality: 'relation' | 'attribute' | 'image' | 'name';
  entityIds: Int32Array;
}

/** A typed array's bytes as a Buffer for an SQLite BLOB (no copy). */
export function blobOf(array: Float32Array | Int32Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** A Float32Array copied out of a BLOB (better-sqlite3 Buffers may be unaligned views of a shared pool). */
export function float32Of(blob: Uint8Array): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer, 0, blob.byteLength >> 2);
}

/** An Int32Array copied out of a BLOB. */
export function int32Of(blob: Uint8Array): Int32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Int32Array(copy.buffer, 0, blob.byteLength >> 2);
}

/** Embeddings of training runs: the final vectors, one matrix per modality, and the frozen modalities. */
export class EmbeddingsRepository {
  private readonly insert;
  private readonly select;
  private readonly selectModalities;
  private readonly remove;
  private readonly insertFrozen;
  private readonly removeFrozen;
  private readonly selectFrozen;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO embedding (run, modality, rows, dim, entity_ids, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.select = db.prepare('SELECT modality, rows, dim, entity_ids, data FROM embedding WHERE run = ? AND modality = ?');
    this.selectModalities = db.prepare('SELECT modality FROM embedding WHERE run = ? ORDER BY modality');
    this.remove = db.prepare('DELETE FROM embedding WHERE run = ?');
    this.insertFrozen = db.prepare('INSERT OR IGNORE INTO frozen_modality (run, entity, modality) VALUES (?, ?, ?)');
    this.removeFrozen = db.prepare('DELETE FROM frozen_modality WHERE run = ?');
    this.selectFrozen = db.prepare('SELECT entity FROM frozen_modality WHERE run = ? AND modality = ? ORDER BY entity');
  }

  /**
   * Writes all matrices of a run and its frozen sets in one transaction, replacing what the run had: never half a
   * set. Callers that also close the run record call this inside their own transaction.
   */
  saveAll(run: number, embeddings: readonly StoredEmbedding[], frozen: readonly FrozenSet[] = []): void {
    this.db.transaction(() => {
      this.remove.run(run);
      this.removeFrozen.run(run);
      for (const f of frozen) for (const entity of f.entityIds) this.insertFrozen.run(run, entity, f.modality);
      for (const e of embeddings) {
        if (e.data.length !== e.entityIds.length * e.dim) {
          throw new Error(`embedding ${e.modality}: ${e.data.length} values for ${e.entityIds.length} x ${e.dim}`);
        }
        this.insert.run(run, e.modality, e.entityIds.length, e.dim, blobOf(e.entityIds), blobOf(e.data));
      }
    })();
  }

  /** One matrix of a run, or null when the run has none for that modality. */
  get(run: number, modality: string): StoredEmbedding | null {
    const row = this.select.get(run, modality) as { modality: string; rows: number; dim: number; entity_ids: Buffer; data: Buffer } | undefined;
    if (!row) return null;
    return { modality: row.modality, entityIds: int32Of(row.entity_ids), dim: row.dim, data: float32Of(row.data) };
  }

  /** The modalities stored for a run. */
  modalities(run: number): string[] {
    return (this.selectModalities.all(run) as { modality: string }[]).map((r) => r.modality);
  }

  /** Entity ids for which the run's model froze `modality`. */
  frozenEntityIds(run: number, modality: FrozenSet['modality']): number[] {
    return this.selectFrozen.pluck().all(run, modality) as number[];
  }
}
