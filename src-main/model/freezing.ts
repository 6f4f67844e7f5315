import * as tf from '@tensorflow/tfjs';
import type { FeatureModality } from './config';
import { l2Normalize } from './ops';
import type { Rng } from './rng';

/** Per-modality theta cap: images may freeze aggressively, the symbolic modalities barely (MODEL.md). */
export function thetaCap(m: FeatureModality): number {
  return m === 'image' ? 0.9 : 0.1;
}

/** Theta at an epoch: 0.1 at `start`, x1.2 per epoch, capped. */
export function thetaAt(m: FeatureModality, epoch: number, start: number): number {
  return Math.min(thetaCap(m), 0.1 * 1.2 ** Math.max(0, epoch - start));
}

/**
 * PMF progressive freezing, one update for one modality. Relevance per entity: cosine with its seed partner
 * (training pairs) or, for unlabelled entities, the best cosine against a seeded sample of `sample` entities of
 * the other graph that have the modality (the full N x N search is too costly to run every epoch); normalised by
 * the best relevance. New mask = relu((s - theta) / (1 - theta)); masks only decrease (`mask` is updated in place).
 */
export function updateFreezeMask(h: tf.Tensor2D, present: Uint8Array, side: Int8Array, train: Int32Array, mask: Float32Array, theta: number, sample: number, rng: Rng): void {
  const n = present.length;
  const score = new Float32Array(n).fill(Number.NaN);
  const unit = tf.tidy(() => l2Normalize(h));
  try {
    const partner = new Int32Array(n).fill(-1);
    for (let i = 0; i < train.length; i += 2) {
      partner[train[i]] = train[i + 1];
      partner[train[i + 1]] = train[i];
    }
    const labelled: number[] = [];
    for (let e = 0; e < n; e++) if (present[e] && partner[e] >= 0 && present[partner[e]]) labelled.push(e);
    if (labelled.length) {
      const s = tf.tidy(() => {
        const a = tf.gather(unit, tf.tensor1d(labelled, 'int32'));
        const b = tf.gather(unit, tf.tensor1d(labelled.map((e) => partner[e]), 'int32'));
        return a.mul(b).sum(1);
      });
      const v = s.dataSync();
      s.dispose();
      labelled.forEach((e, i) => (score[e] = v[i]));
    }
    for (const k of [1, 2] as const) {
      const other = pickSample(present, side, k === 1 ? 2 : 1, sample, rng);
      const rows: number[] = [];
      for (let e = 0; e < n; e++) if (side[e] === k && present[e] && Number.isNaN(score[e])) rows.push(e);
      if (!rows.length || !other.length) continue;
      const best = tf.tidy(() => {
        const sampleT = tf.gather(unit, tf.tensor1d(other, 'int32')).transpose();
        return tf.matMul(tf.gather(unit, tf.tensor1d(rows, 'int32')), sampleT).max(1);
      });
      const v = best.dataSync();
      best.dispose();
      rows.forEach((e, i) => (score[e] = v[i]));
    }
  } finally {
    unit.dispose();
  }
  let max = 0;
  for (let e = 0; e < n; e++) if (score[e] > max) max = score[e];
  if (max <= 0) return;
  for (let e = 0; e < n; e++) {
    if (!present[e] || Number.isNaN(score[e])) continue;
    const next = Math.max(0, (score[e] / max - theta) / (1 - theta));
    if (next < mask[e]) mask[e] = next;
  }
}

function pickSample(present: Uint8Array, side: Int8Array, want: number, size: number, rng: Rng): number[] {
  const pool: number[] = [];
  for (let e = 0; e < present.length; e++) if (side[e] === want && present[e]) pool.push(e);
  if (pool.length <= size) return pool;
  const idx = rng.shuffle(Int32Array.from(pool.keys())).subarray(0, size);
  return Array.from(idx, (i) => pool[i]);
}
