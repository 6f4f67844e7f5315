import { rankBlocks, unitRows, type RankMetrics, type SimilarityKernel } from './evaluate';
import type { DenseFeature } from './training-data';

/**
 * Late fusion of views that are not trained through the network: the learned vector, the seed-label propagation
 * (label-propagation.ts), the name n-grams and the idf-weighted attribute bag. The blended vector is
 * [sqrt(s_0) unit(v_0) | sqrt(s_1) unit(v_1) | ...] with shares s summing to 1, so the cosine of two entities that
 * have every view is sum_v s_v cos_v; a view an entity lacks (no name, no label reached it) is a zero block, and the
 * remaining shares count for it.
 *
 * Why late: names and propagated labels are strong on their own (translated DBP15K names rank the partner first
 * for about 70% of test entities, propagation for about 55%), but learned through an encoder they overfit the few
 * thousand seeds. Kept beside the trained vector they cannot be forgotten, and their shares are chosen on the
 * validation pairs (never test pairs), so a view that does not help on a graph gets share 0.
 */
export interface View {
  data: Float32Array;
  dim: number;
}

/** Blends `views` (each [n x dim]) with the given shares (same order, summing to 1). */
export function blendViews(views: View[], shares: number[]): View {
  const n = views[0].data.length / views[0].dim;
  const used = views.map((v, i) => ({ v, s: shares[i] })).filter((x) => x.s > 0);
  const dim = used.reduce((a, x) => a + x.v.dim, 0);
  const out = new Float32Array(n * dim);
  let off = 0;
  for (const { v, s } of used) {
    const scale = Math.sqrt(s);
    for (let i = 0; i < n; i++) writeUnit(v.data, i * v.dim, v.dim, out, i * dim + off, scale);
    off += v.dim;
  }
  return { data: out, dim };
}

/**
 * Weights of an extra view relative to the learned vector's 1. Log-spaced, because the views' cosines spread very
 * differently (on OpenEA EN-FR a 10% share of the learned vector already cost the propagation 7 points of
 * validation Hits@1, so the useful weights sit near the ends).
 */
export const RELATIVE_WEIGHTS = [0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 1, 1.5, 2.5, 5, 20] as const;

/**
 * The share combinations tried for `extra` views beside the learned one, each normalised to sum 1: every
 * combination of RELATIVE_WEIGHTS, plus those without the learned vector at all. The learned vector alone comes first.
 */
export function shareGrid(extra: number): number[][] {
  const out: number[][] = [];
  const seen = new Set<string>();
  const push = (w: number[]): void => {
    const shares = sharesOf(w);
    if (!shares) return;
    const key = shares.map((x) => x.toFixed(6)).join(',');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(shares);
    }
  };
  const walk = (prefix: number[], learned: number): void => {
    if (prefix.length === extra) return push([learned, ...prefix]);
    for (const w of RELATIVE_WEIGHTS) walk([...prefix, w], learned);
  };
  walk([], 1);
  walk([], 0);
  return out;
}

/**
 * Ranks the validation lefts against `candidates` (KG2 entities without a training partner) for every share
 * combination of `grid`, and returns the best by Hits@1 (ties keep the earlier, i.e. the learned vector's larger
 * share). One similarity matrix per view is computed once; each combination is then a weighted sum of them.
 */
export function pickShares(views: View[], lefts: ArrayLike<number>, candidates: ArrayLike<number>, gold: ArrayLike<number>, grid: number[][], cslsK: number, kernel: () => SimilarityKernel): { shares: number[]; metrics: RankMetrics } {
  const score = shareScorer(views, lefts, candidates, gold, cslsK, kernel);
  let best: { shares: number[]; metrics: RankMetrics } | null = null;
  for (const shares of grid) {
    const metrics = score(shares);
    if (!best || metrics.hits1 > best.metrics.hits1) best = { shares, metrics };
  }
  return best ?? { shares: grid[0], metrics: { hits1: 0, hits10: 0, mrr: 0, pairs: 0 } };
}

/**
 * Like pickShares, for three or more extra views, where the full grid (13^k combinations) costs minutes per
 * validation: coordinate ascent over RELATIVE_WEIGHTS from the learned vector alone, one extra view at a time,
 * two sweeps, then the same weights without the learned vector. Only strict gains move, so it is deterministic.
 */
export function searchShares(views: View[], lefts: ArrayLike<number>, candidates: ArrayLike<number>, gold: ArrayLike<number>, cslsK: number, kernel: () => SimilarityKernel): { shares: number[]; metrics: RankMetrics } {
  const score = shareScorer(views, lefts, candidates, gold, cslsK, kernel);
  let weights = [1, ...views.slice(1).map(() => 0)];
  const first = sharesOf(weights)!;
  let best = { shares: first, metrics: score(first) };
  const tryWeights = (w: number[]): void => {
    const shares = sharesOf(w);
    if (!shares) return;
    const metrics = score(shares);
    if (metrics.hits1 > best.metrics.hits1) {
      best = { shares, metrics };
      weights = w;
    }
  };
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let v = 1; v < views.length; v++) {
      for (const x of RELATIVE_WEIGHTS) if (x !== weights[v]) tryWeights(weights.map((w, i) => (i === v ? x : w)));
    }
  }
  tryWeights([0, ...weights.slice(1)]);
  return best;
}

/** Relative weights normalised to shares summing to 1; null when every weight is 0. */
function sharesOf(weights: number[]): number[] | null {
  const sum = weights.reduce((a, x) => a + x, 0);
  return sum > 0 ? weights.map((x) => x / sum) : null;
}

/** The validation ranking for one share combination: the views' similarity matrices are computed once. */
function shareScorer(views: View[], lefts: ArrayLike<number>, candidates: ArrayLike<number>, gold: ArrayLike<number>, cslsK: number, kernel: () => SimilarityKernel): (shares: number[]) => RankMetrics {
  const n = lefts.length;
  const m = candidates.length;
  const sims = views.map((v) => viewSims(v, lefts, candidates, kernel()));
  const hasQ = views.map((v) => presence(v, lefts));
  const hasC = views.map((v) => presence(v, candidates));
  const combined = new Float32Array(n * m);
  return (shares) => {
    const qNorm = norms(hasQ, shares, n);
    const cNorm = norms(hasC, shares, m);
    combined.fill(0);
    views.forEach((_, v) => {
      const s = shares[v];
      if (s <= 0) return;
      const x = sims[v];
      for (let i = 0; i < n * m; i++) combined[i] += s * x[i];
    });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const d = qNorm[i] * cNorm[j];
        combined[i * m + j] = d > 0 ? combined[i * m + j] / d : 0;
      }
    }
    return rankMatrix(combined, n, m, gold, cslsK);
  };
}

/**
 * A sparse bag (attribute names) as a late view: each column weighted by its inverse document frequency among the
 * entities that have the feature, so a rare attribute says more than one every entity of a type carries; rows of
 * entities without the feature are zero (no evidence, never a match).
 */
export function idfView(f: DenseFeature): View {
  const rows = f.present.length;
  const df = new Float64Array(f.cols);
  let have = 0;
  for (let e = 0; e < rows; e++) {
    if (!f.present[e]) continue;
    have++;
    for (let c = 0; c < f.cols; c++) if (f.data[e * f.cols + c] !== 0) df[c]++;
  }
  const idf = Float32Array.from(df, (d) => (d > 0 ? Math.log((1 + have) / d) : 0));
  const data = new Float32Array(rows * f.cols);
  for (let e = 0; e < rows; e++) {
    if (!f.present[e]) continue;
    for (let c = 0; c < f.cols; c++) data[e * f.cols + c] = f.data[e * f.cols + c] * idf[c];
  }
  return { data, dim: f.cols };
}

/** Hits@1/10 and MRR from a full [n x m] similarity matrix; `gold[i]` is query i's partner column (-1: a miss). */
export function rankMatrix(sims: Float32Array, n: number, m: number, gold: ArrayLike<number>, cslsK: number): RankMetrics {
  return rankBlocks(n, m, gold, cslsK, Math.max(1, n), (start, rows) => sims.subarray(start * m, (start + rows) * m));
}

function viewSims(v: View, lefts: ArrayLike<number>, candidates: ArrayLike<number>, kernel: SimilarityKernel): Float32Array {
  kernel.prepare(unitRows(v.data, v.dim, candidates), candidates.length, v.dim);
  try {
    return kernel.multiply(unitRows(v.data, v.dim, lefts), lefts.length);
  } finally {
    kernel.dispose();
  }
}

function presence(v: View, rows: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: rows.length }, (_, i) => {
    const o = rows[i] * v.dim;
    for (let k = 0; k < v.dim; k++) if (v.data[o + k] !== 0) return 1;
    return 0;
  });
}

function norms(has: Uint8Array[], shares: number[], count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let v = 0; v < has.length; v++) if (has[v][i]) s += shares[v];
    out[i] = Math.sqrt(s);
  }
  return out;
}

function writeUnit(src: Float32Array, from: number, len: number, dst: Float32Array, to: number, scale: number): void {
  let s = 0;
  for (let k = 0; k < len; k++) s += src[from + k] * src[from + k];
  const f = s > 0 ? scale / Math.sqrt(s) : 0;
  for (let k = 0; k < len; k++) dst[to + k] = src[from + k] * f;
}
