import type { EmbeddingMatrix } from './candidate-table';
import { inverseRowNorms } from './row-norms';
import { TopKHeaps } from './top-k';

/** Inverse row norms per matrix, computed on the first query and reused by the next ones. */
const inverseNorms = new WeakMap<Float32Array, Float32Array>();

function inverseNormsOf(matrix: EmbeddingMatrix): Float32Array {
  let inv = inverseNorms.get(matrix.data);
  if (!inv) {
    inv = inverseRowNorms(matrix.data, matrix.dim, matrix.ids.length);
    inverseNorms.set(matrix.data, inv);
  }
  return inv;
}

/**
 * One entity's k nearest among `targets` (rows of the same matrix) by cosine: the on-demand query behind "show
 * me this entity's best matches", without touching the stored candidates. Row norms are cached per matrix, so
 * a query is one dot product per target (four accumulators: V8 does not vectorise, this halves the latency).
 */
export function nearestOf(matrix: EmbeddingMatrix, row: number, targets: Int32Array, k: number): { ids: number[]; scores: number[] } {
  const { dim, data } = matrix;
  const inv = inverseNormsOf(matrix);
  const q = row * dim;
  const heap = new TopKHeaps(1, Math.max(1, Math.min(k, targets.length)));
  if (inv[row] === 0) return { ids: [], scores: [] };
  const tail = dim - (dim % 4);
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t];
    if (inv[target] === 0) continue;
    const o = target * dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let d = 0;
    for (; d < tail; d += 4) {
      s0 += data[q + d] * data[o + d];
      s1 += data[q + d + 1] * data[o + d + 1];
      s2 += data[q + d + 2] * data[o + d + 2];
      s3 += data[q + d + 3] * data[o + d + 3];
    }
    for (; d < dim; d++) s0 += data[q + d] * data[o + d];
    const score = (s0 + s1 + s2 + s3) * inv[row] * inv[target];
    if (score > heap.floor[0]) heap.push(0, score, t);
  }
  const { index, scores } = heap.sorted(0);
  return { ids: index.map((t) => matrix.ids[targets[t]]), scores };
}
