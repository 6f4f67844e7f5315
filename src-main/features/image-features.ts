import type { Db } from '../project/db';
import type { DenseFeature } from '../model/training-data';
import { float32Of } from '../project/repositories/embeddings';
import type { ProjectGraph } from './project-graph';

/** What the image modality of a project holds. */
export interface ImageFeatureSummary {
  encoder: string | null;
  dim: number;
  /** Entities with a usable vector (present = 1). */
  present: number;
  /** Entities whose vector came from another encoder or dimension than the chosen one: treated as missing. */
  ignored: number;
}

/**
 * The image modality as the trainer takes it: one L2-normalised row per entity from the image_feature table; rows
 * without a vector are zero with present = 0 (never random). Vectors from different encoders cannot share one
 * linear layer, so only the encoder (and dimension) that covers most entities is used; the others count as missing
 * and are reported. Returns null when no entity has an image feature.
 */
export function loadImageFeature(db: Db, graph: ProjectGraph): { feature: DenseFeature; summary: ImageFeatureSummary } | null {
  const groups = db.prepare('SELECT encoder, dim, count(*) AS n FROM image_feature GROUP BY encoder, dim ORDER BY n DESC, encoder, dim').all() as {
    encoder: string; dim: number; n: number;
  }[];
  if (groups.length === 0) return null;
  const { encoder, dim } = groups[0];
  const total = groups.reduce((s, g) => s + g.n, 0);
  const n = graph.entityIds.length;
  const data = new Float32Array(n * dim);
  const present = new Uint8Array(n);
  let count = 0;
  const rows = db.prepare('SELECT entity, vector FROM image_feature WHERE encoder = ? AND dim = ?').raw().iterate(encoder, dim) as Iterable<[number, Buffer]>;
  for (const [entity, blob] of rows) {
    const row = graph.rowOf(entity);
    if (row < 0) continue;
    const v = float32Of(blob);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += v[j] * v[j];
    // An all-zero vector carries no information: it counts as missing rather than as a point at the origin.
    if (!(norm > 0) || !Number.isFinite(norm)) continue;
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) data[row * dim + j] = v[j] / norm;
    present[row] = 1;
    count++;
  }
  return { feature: { cols: dim, data, present }, summary: { encoder, dim, present: count, ignored: total - groups[0].n } };
}
