import { openDatabase, type Db } from '../../../../src-main/project/db';
import { EmbeddingsRepository } from '../../../../src-main/project/repositories/embeddings';
import { Rng } from '../../../../src-main/model/rng';

/**
 * A project with all three match kinds, built by inserting rows (no training): for i = 1..n, a text entity on
 * each side (ids i and 1000 + i) and, on graph 2, a picture node of it (id 2000 + i, kind image); for
 * i <= imagePairs also a graph-1 picture node (id 3000 + i). Gold: (i, 1000 + i) text-text,
 * (i, 2000 + i) text-image, (3000 + i, 2000 + i) image-image, (3000 + i, 1000 + i) text-image with the image on
 * the left; split by i mod 10 (0 valid, 1-3 train, the rest test).
 *
 * The 'final' vectors put the kinds on different scales, as a trained model does: a text pair is its entity's
 * base vector plus a little noise on each side (cosine about 0.9); a picture node shares only half its vector
 * with what it depicts and half with a direction all pictures share (text-image cosine of true pairs about 0.5,
 * wrong pairs about 0.35), and two pictures of one entity share that direction too (about 0.8).
 */
export function createCrossModalProject(path: string, n = 60, imagePairs = 20): Db {
  const db = openDatabase(path, { create: true });
  const rng = new Rng(11);
  const dim = 32;
  const insertEntity = db.prepare('INSERT INTO entity (id, side, iri, label, kind) VALUES (?, ?, ?, ?, ?)');
  const insertGold = db.prepare('INSERT INTO gold_link (left, right, split) VALUES (?, ?, ?)');
  const rows: { id: number; v: Float32Array }[] = [];
  const pictureAxis = unit(rng.normal(dim, 1));
  const mix = (a: Float32Array, wa: number, b: Float32Array, wb: number, noise: number) =>
    unit(Float32Array.from(a, (x, k) => wa * x + wb * b[k] + noise * rng.normal(1, 1)[0]));
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const split = i % 10 === 0 ? 'valid' : i % 10 <= 3 ? 'train' : 'test';
      const base = unit(rng.normal(dim, 1));
      insertEntity.run(i, 1, `http://kg1.example/thing/${i}`, `Thing ${i}`, 'text');
      insertEntity.run(1000 + i, 2, `http://kg2.example/chose/${i}`, `Chose ${i}`, 'text');
      insertEntity.run(2000 + i, 2, `http://kg2.example/image/${i}`, null, 'image');
      rows.push({ id: i, v: mix(base, 1, base, 0, 0.06) }, { id: 1000 + i, v: mix(base, 1, base, 0, 0.06) });
      rows.push({ id: 2000 + i, v: mix(base, 0.55, pictureAxis, 0.85, 0.04) });
      insertGold.run(i, 1000 + i, split);
      insertGold.run(i, 2000 + i, split);
      if (i <= imagePairs) {
        insertEntity.run(3000 + i, 1, `http://kg1.example/picture/${i}`, null, 'image');
        rows.push({ id: 3000 + i, v: mix(base, 0.55, pictureAxis, 0.85, 0.04) });
        insertGold.run(3000 + i, 2000 + i, split);
        insertGold.run(3000 + i, 1000 + i, split);
      }
    }
    db.prepare("INSERT INTO training_run (id, started_at, finished_at, status, backend, options) VALUES (1, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 'done', 'wasm', ?)").run(JSON.stringify({ seed: 3 }));
  })();
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => data.set(r.v, i * dim));
  new EmbeddingsRepository(db).saveAll(1, [{ modality: 'final', entityIds: Int32Array.from(rows, (r) => r.id), dim, data }]);
  return db;
}

function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  return v.map((x) => x / Math.sqrt(s));
}
