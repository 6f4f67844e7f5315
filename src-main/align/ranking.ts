import type { EvalMetrics } from '../shared/dto';
import { AppError } from '../shared/errors';
import { blockedTopK, cslsPenalties } from './blocked-top-k';
import type { EmbeddingMatrix } from './candidate-table';
import { TILE, createTileScorer, type KernelChoice, type TileScorer } from './tile-scorer';

/** Hits@1, Hits@10 and MRR from 1-based ranks. */
export function metricsOfRanks(ranks: ArrayLike<number>): { hits1: number; hits10: number; mrr: number } {
  const n = ranks.length;
  if (n === 0) return { hits1: 0, hits10: 0, mrr: 0 };
  let h1 = 0, h10 = 0, rr = 0;
  for (let i = 0; i < n; i++) {
    const r = ranks[i];
    if (r <= 1) h1++;
    if (r <= 10) h10++;
    rr += 1 / r;
  }
  return { hits1: h1 / n, hits10: h10 / n, mrr: rr / n };
}

/**
 * The rank of each row's gold column (1 + the number of columns scoring strictly higher), tile by tile.
 * Scores are cosine, or CSLS when `penalty` is given (2 cos - penalty.rows[i] - penalty.cols[j]).
 */
export function goldRanks(scorer: TileScorer, n: number, m: number, gold: Int32Array, penalty: { rows: Float32Array; cols: Float32Array } | null, signal?: AbortSignal): Int32Array {
  const goldScore = new Float64Array(n);
  // The gold score comes from the same kernel as the others, so rounding cannot rank a pair above itself.
  for (let r0 = 0; r0 < n; r0 += TILE) {
    const r1 = Math.min(n, r0 + TILE);
    for (let i = r0; i < r1; i++) {
      const { data } = scorer.tile(i, i + 1, gold[i], gold[i] + 1);
      goldScore[i] = penalty ? 2 * data[0] - penalty.rows[i] - penalty.cols[gold[i]] : data[0];
    }
  }
  const ranks = new Int32Array(n).fill(1);
  for (let r0 = 0; r0 < n; r0 += TILE) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'Ranking was cancelled');
    const r1 = Math.min(n, r0 + TILE);
    for (let c0 = 0; c0 < m; c0 += TILE) {
      const c1 = Math.min(m, c0 + TILE);
      const { data, stride } = scorer.tile(r0, r1, c0, c1);
      for (let i = r0; i < r1; i++) {
        const o = (i - r0) * stride - c0;
        const g = goldScore[i];
        const pr = penalty ? penalty.rows[i] : 0;
        let above = 0;
        for (let j = c0; j < c1; j++) {
          const s = penalty ? 2 * data[o + j] - pr - penalty.cols[j] : data[o + j];
          if (s > g) above++;
        }
        ranks[i] += above;
      }
    }
  }
  return ranks;
}

/**
 * H@1/H@10/MRR of test pairs, left to right: each test-left entity ranks the test-right entities (the published
 * protocol) and, when `allRight` is given, every graph-2 entity (what a curator faces).
 */
export async function rankingMetrics(
  final: EmbeddingMatrix,
  pairs: { left: number; right: number }[],
  options: { csls?: boolean; allRight?: Int32Array; kernel?: KernelChoice; signal?: AbortSignal } = {},
): Promise<EvalMetrics | null> {
  const rowOf = new Map<number, number>();
  final.ids.forEach((id, r) => rowOf.set(id, r));
  const usable = pairs.filter((p) => rowOf.has(p.left) && rowOf.has(p.right));
  if (usable.length === 0) return null;
  const leftRows = Int32Array.from(usable, (p) => rowOf.get(p.left)!);
  const rightRows = Int32Array.from(usable, (p) => rowOf.get(p.right)!);
  const gold = Int32Array.from(usable, (_, i) => i);
  const ranked = async (right: Int32Array, goldCols: Int32Array) => {
    const scorer = createTileScorer({ data: final.data, rows: leftRows, count: leftRows.length }, { data: final.data, rows: right, count: right.length }, final.dim, options.kernel);
    const penalty = options.csls ? cslsPenalties(await blockedTopK(scorer, leftRows.length, right.length, 3, null, { signal: options.signal })) : null;
    return metricsOfRanks(goldRanks(scorer, leftRows.length, right.length, goldCols, penalty, options.signal));
  };
  const metrics: EvalMetrics = { ...(await ranked(rightRows, gold)), pairs: usable.length };
  if (options.allRight?.length) {
    const all = Int32Array.from([...options.allRight].filter((id) => rowOf.has(id)), (id) => rowOf.get(id)!);
    const colOf = new Map<number, number>();
    all.forEach((row, c) => colOf.set(row, c));
    metrics.all = await ranked(all, Int32Array.from(rightRows, (row) => colOf.get(row) ?? 0));
  }
  return metrics;
}
