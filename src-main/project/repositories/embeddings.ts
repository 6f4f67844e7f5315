import type { Db } from '../db';
import { MODALITIES, type Modality } from '../../shared/model';

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

/**
 * Per entity and modality, the standard deviation of the entity's Beta fusion weight (MIMEA runs): row-major
 * [entityIds.length x modalities.length]. A NaN cell is not stored (the trainer reports every cell; the caller
 * blanks those of entities lacking the modality, whose spread means nothing).
 */
export interface StoredUncertainty {
  modalities: readonly Modality[];
  entityIds: Int32Array;
  values: Float32Array;
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
  private readonly insertUncertainty;
  private readonly removeUncertainty;
  private readonly selectUncertainty;
  private readonly countUncertainty;

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
    this.insertUncertainty = db.prepare('INSERT INTO modality_uncertainty (run, entity, modality, weight_std) VALUES (?, ?, ?, ?)');
    this.removeUncertainty = db.prepare('DELETE FROM modality_uncertainty WHERE run = ?');
    // The page's entity ids arrive as one JSON array: one statement whatever the page size, each id by the key.
    this.selectUncertainty = db.prepare(
      'SELECT entity, modality, weight_std AS std FROM modality_uncertainty WHERE run = ? AND entity IN (SELECT value FROM json_each(?))',
    );
    this.countUncertainty = db.prepare('SELECT count(*) FROM modality_uncertainty WHERE run = ?').pluck();
  }

  /**
   * Writes all matrices of a run, its frozen sets and its modality uncertainty in one transaction, replacing what
   * the run had: never half a set. Callers that also close the run record call this inside their own transaction.
   */
  saveAll(run: number, embeddings: readonly StoredEmbedding[], frozen: readonly FrozenSet[] = [], uncertainty: StoredUncertainty | null = null): void {
    this.db.transaction(() => {
      this.remove.run(run);
      this.removeFrozen.run(run);
      this.removeUncertainty.run(run);
      for (const f of frozen) for (const entity of f.entityIds) this.insertFrozen.run(run, entity, f.modality);
      if (uncertainty) this.writeUncertainty(run, uncertainty);
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

  /**
   * The stored weight uncertainty of `entityIds` in a run: entity -> modality -> standard deviation. Entities
   * without any row (another model's run, or no modality) are absent from the map.
   */
  uncertaintyOf(run: number, entityIds: readonly number[]): Map<number, Partial<Record<Modality, number>>> {
    const out = new Map<number, Partial<Record<Modality, number>>>();
    if (entityIds.length === 0) return out;
    for (const row of this.selectUncertainty.all(run, JSON.stringify(entityIds)) as { entity: number; modality: Modality; std: number }[]) {
      const of = out.get(row.entity) ?? {};
      of[row.modality] = row.std;
      out.set(row.entity, of);
    }
    return out;
  }

  /** How many (entity, modality) uncertainty values a run has: 0 for a model without Beta fusion. */
  uncertaintyCount(run: number): number {
    return this.countUncertainty.get(run) as number;
  }

  private writeUncertainty(run: number, u: StoredUncertainty): void {
    const width = u.modalities.length;
    if (u.values.length !== u.entityIds.length * width) {
      throw new Error(`modality uncertainty: ${u.values.length} values for ${u.entityIds.length} entities x ${width} modalities`);
    }
    for (const m of u.modalities) if (!MODALITIES.includes(m)) throw new Error(`modality uncertainty: unknown modality '${String(m)}'`);
    for (let r = 0; r < u.entityIds.length; r++) {
      for (let q = 0; q < width; q++) {
        const std = u.values[r * width + q];
        if (Number.isNaN(std)) continue;
        // A Beta variable on [0, 1] has a standard deviation in [0, 0.5]: anything else is a trainer bug, not data.
        if (!(std >= 0 && std <= 0.5)) throw new Error(`modality uncertainty: ${std.toFixed(3)} for entity ${u.entityIds[r]}, ${u.modalities[q]} is not a Beta standard deviation (0..0.5)`);
        this.insertUncertainty.run(run, u.entityIds[r], u.modalities[q], std);
      }
    }
  }

  /** Entity ids for which the run's model froze `modality`. */
  frozenEntityIds(run: number, modality: FrozenSet['modality']): number[] {
    return this.selectFrozen.pluck().all(run, modality) as number[];
  }
}
