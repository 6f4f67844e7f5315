import type { Rng } from '../rng';

/** Pairs split into a shuffled sequence of near-equal batches of at most `batchSize` (flat [l, r, ...] in); `index` = pair numbers. */
export function makeBatches(pairs: Int32Array, batchSize: number, rng: Rng): { left: Int32Array; right: Int32Array; index: Int32Array }[] {
  const n = pairs.length / 2;
  if (n === 0) return [];
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const count = Math.ceil(n / batchSize);
  const size = Math.ceil(n / count);
  const out: { left: Int32Array; right: Int32Array; index: Int32Array }[] = [];
  for (let start = 0; start < n; start += size) {
    const idx = order.subarray(start, Math.min(n, start + size));
    out.push({ left: Int32Array.from(idx, (i) => pairs[2 * i]), right: Int32Array.from(idx, (i) => pairs[2 * i + 1]), index: Int32Array.from(idx) });
  }
  return out;
}

/** Up to `count` distinct random entities from `pool`, none of them in `exclude`. */
export function sampleNegatives(pool: Int32Array, count: number, exclude: Set<number>, rng: Rng): Int32Array {
  const want = Math.min(count, Math.max(0, pool.length - exclude.size));
  const picked = new Set<number>();
  let guard = want * 20 + 100;
  while (picked.size < want && guard-- > 0) {
    const e = pool[rng.int(pool.length)];
    if (!exclude.has(e)) picked.add(e);
  }
  return Int32Array.from(picked);
}

/**
 * The validation split: the given one, or (when empty) a seeded `fraction` of the training pairs carved out so
 * model selection never touches the test pairs.
 */
export function carveValidation(train: Int32Array, valid: Int32Array, fraction: number, rng: Rng): { train: Int32Array; valid: Int32Array } {
  if (valid.length > 0 || train.length < 4) return { train, valid };
  const n = train.length / 2;
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const nv = Math.max(1, Math.round(n * fraction));
  const pick = (idx: Int32Array): Int32Array => Int32Array.from(Array.from(idx).flatMap((i) => [train[2 * i], train[2 * i + 1]]));
  return { valid: pick(order.subarray(0, nv)), train: pick(order.subarray(nv)) };
}
