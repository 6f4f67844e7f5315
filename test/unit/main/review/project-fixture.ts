import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../src-main/project/db';
import { EmbeddingsRepository } from '../../../../src-main/project/repositories/embeddings';

/** A fresh temporary folder for one test's project file. */
export function tempDir(prefix = 'mmea-review-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Left entity i has id i (1..n), right entity i has id 1000 + i; the true pair is (i, 1000 + i). */
export const rightOf = (i: number) => 1000 + i;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

export interface FixtureOptions {
  n?: number;
  dim?: number;
  /** Noise added to the right copy of each vector: larger means harder pairs. */
  noise?: number;
  seed?: number;
  /** Entities n-imagesFrom+1..n on both sides are image entities. */
  images?: number;
  /** Gold without a split (as DBP15K ships it): the run's options then decide train/valid/test. */
  unsplit?: boolean;
  /**
   * Store a Beta fusion weight spread with the run (as a MIMEA run would): 'name' for every entity, 'image' for
   * right entities only; the value is weightSpread(id, modality).
   */
  weightStd?: boolean;
}

/** The spread the fixture stores for an entity and modality (weightStd option): distinct per entity, in 0..0.5. */
export function weightSpread(id: number, modality: 'name' | 'image'): number {
  return ((id % 97) + (modality === 'image' ? 100 : 0)) / 1000;
}

/**
 * A small project built by inserting rows directly: two graphs of n entities, gold (i, 1000 + i) split by i mod
 * 10 (0 valid, 1-3 train, rest test), one finished run with 'final' and 'name' embeddings where the right vector
 * is the left one plus noise.
 */
export function createFixtureProject(path: string, options: FixtureOptions = {}): Db {
  const { n = 60, dim = 16, noise = 0.6, seed = 7, images = 0, unsplit = false, weightStd = false } = options;
  const db = openDatabase(path, { create: true });
  const rnd = random(seed);
  const insertEntity = db.prepare('INSERT INTO entity (id, side, iri, label, kind) VALUES (?, ?, ?, ?, ?)');
  const insertGold = db.prepare('INSERT INTO gold_link (left, right, split) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const kind = i > n - images ? 'image' : 'text';
      insertEntity.run(i, 1, `http://kg1.example/e${i}`, `Left ${i}`, kind);
      insertEntity.run(rightOf(i), 2, `http://kg2.example/e${i}`, `Right ${i}`, kind);
      const r = i % 10;
      insertGold.run(i, rightOf(i), unsplit ? 'unsplit' : r === 0 ? 'valid' : r <= 3 ? 'train' : 'test');
    }
    db.prepare("INSERT INTO training_run (id, started_at, finished_at, status, backend, options) VALUES (1, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 'done', 'wasm', ?)").run(JSON.stringify({ seed: 3, trainRatio: 0.3, validRatio: 0.1 }));
  })();
  const ids = new Int32Array(2 * n);
  const data = new Float32Array(2 * n * dim);
  const names = new Float32Array(2 * n * 4);
  for (let i = 0; i < n; i++) {
    ids[i] = i + 1;
    ids[n + i] = rightOf(i + 1);
    for (let k = 0; k < dim; k++) {
      const v = rnd();
      data[i * dim + k] = v;
      data[(n + i) * dim + k] = v + noise * rnd();
    }
    for (let k = 0; k < 4; k++) {
      names[i * 4 + k] = rnd();
      names[(n + i) * 4 + k] = names[i * 4 + k] + 0.1 * rnd();
    }
  }
  new EmbeddingsRepository(db).saveAll(1, [
    { modality: 'final', entityIds: ids, dim, data },
    { modality: 'name', entityIds: ids, dim: 4, data: names },
  ], [], weightStd ? { modalities: ['name', 'image'], entityIds: ids, values: Float32Array.from(Array.from(ids).flatMap((id) => [weightSpread(id, 'name'), id > 1000 ? weightSpread(id, 'image') : NaN])) } : null);
  return db;
}
