/**
 * Ranking evaluation over plain typed arrays (no TF.js needed): cosine similarity of unit vectors, optional CSLS,
 * Hits@1, Hits@10 and MRR, computed in row blocks so memory stays bounded (block x candidates floats).
 */

/** Multiplies a block of query rows by the prepared candidate matrix: returns [rows x candidates] similarities. */
export interface SimilarityKernel {
  /** Called once with the unit candidate rows [m x dim]. */
  prepare(candidates: Float32Array, m: number, dim: number): void;
  /** Unit query rows [rows x dim] -> [rows x m]. */
  multiply(queries: Float32Array, rows: number): Float32Array;
  dispose(): void;
}

export interface RankOptions {
  /** Cross-domain similarity local scaling with this many neighbours (k = 3 in the literature); 0 = plain cosine. */
  cslsK?: number;
  /** Query rows per block. */
  blockSize?: number;
  /** A faster matrix product (the trainer passes a TF.js one); the default is a plain JS loop. */
  kernel?: SimilarityKernel;
}

export interface RankMetrics {
  hits1: number;
  hits10: number;
  mrr: number;
  pairs: number;
}

/** Row-wise L2-normalised copy of the given rows of `emb` [n x dim]. */
export function unitRows(emb: Float32Array, dim: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) {
    const o = rows[i] * dim;
    let s = 0;
    for (let k = 0; k < dim; k++) s += emb[o + k] * emb[o + k];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < dim; k++) out[i * dim + k] = emb[o + k] * inv;
  }
  return out;
}

/** The default kernel: a cache-friendly JS dot-product loop. */
export function jsKernel(): SimilarityKernel {
  let cand: Float32Array = new Float32Array(0);
  let m = 0;
  let dim = 0;
  return {
    prepare(c, rows, d) {
      cand = c;
      m = rows;
      dim = d;
    },
    multiply(q, rows) {
      const out = new Float32Array(rows * m);
      for (let i = 0; i < rows; i++) {
        const qi = i * dim;
        for (let j = 0; j < m; j++) {
          const cj = j * dim;
          let s = 0;
          for (let k = 0; k < dim; k++) s += q[qi + k] * cand[cj + k];
          out[i * m + j] = s;
        }
      }
      return out;
    },
    dispose() {
      cand = new Float32Array(0);
    },
  };
}

/**
 * Ranks `candidates` for each query entity; `gold[i]` is the candidate position of query i's partner (or -1: a
 * miss). The rank counts the other candidates scoring at least as high as the partner, plus one.
 */
export function rankQueries(emb: Float32Array, dim: number, queries: ArrayLike<number>, candidates: ArrayLike<number>, gold: ArrayLike<number>, opts: RankOptions = {}): RankMetrics {
  const kernel = opts.kernel ?? jsKernel();
  const q = unitRows(emb, dim, queries);
  const m = candidates.length;
  kernel.prepare(unitRows(emb, dim, candidates), m, dim);
  try {
    const rowsAt = (start: number, rows: number): Float32Array => kernel.multiply(q.subarray(start * dim, (start + rows) * dim), rows);
    return rankBlocks(queries.length, m, gold, opts.cslsK ?? 0, opts.blockSize ?? 512, rowsAt);
  } finally {
    kernel.dispose();
  }
}

/**
 * Hits@1/10 and MRR over similarity rows [n x m] served `block` query rows at a time by `rowsAt(start, rows)` (a
 * kernel product, or slices of a matrix already in memory); with cslsK > 0 the rows are read twice (CSLS terms
 * first). Ties count against the partner: an entity with no evidence (a zero vector scores 0 everywhere) must not
 * rank its partner first.
 */
export function rankBlocks(n: number, m: number, gold: ArrayLike<number>, cslsK: number, block: number, rowsAt: (start: number, rows: number) => Float32Array): RankMetrics {
  let rowMean: Float32Array | null = null;
  let colMean: Float32Array | null = null;
  if (cslsK > 0) [rowMean, colMean] = cslsMeans(n, m, cslsK, block, rowsAt);
  let h1 = 0;
  let h10 = 0;
  let mrr = 0;
  for (let start = 0; start < n; start += block) {
    const rows = Math.min(block, n - start);
    const sims = rowsAt(start, rows);
    for (let r = 0; r < rows; r++) {
      const g = gold[start + r];
      if (g < 0) continue;
      const row = sims.subarray(r * m, (r + 1) * m);
      const score = (j: number): number => (rowMean ? 2 * row[j] - rowMean[start + r] - colMean![j] : row[j]);
      const target = score(g);
      let rank = 1;
      for (let j = 0; j < m; j++) if (j !== g && score(j) >= target) rank++;
      if (rank === 1) h1++;
      if (rank <= 10) h10++;
      mrr += 1 / rank;
    }
  }
  return { hits1: n ? h1 / n : 0, hits10: n ? h10 / n : 0, mrr: n ? mrr / n : 0, pairs: n };
}

/** CSLS terms: each query's mean similarity to its k nearest candidates, and each candidate's to its k nearest queries. */
export function cslsMeans(n: number, m: number, k: number, block: number, rowsAt: (start: number, rows: number) => Float32Array): [Float32Array, Float32Array] {
  const rowMean = new Float32Array(n);
  const colTop = new Float32Array(m * k).fill(-Infinity);
  const top = new Float32Array(k);
  for (let start = 0; start < n; start += block) {
    const rows = Math.min(block, n - start);
    const sims = rowsAt(start, rows);
    for (let r = 0; r < rows; r++) {
      top.fill(-Infinity);
      for (let j = 0; j < m; j++) {
        const s = sims[r * m + j];
        insertTop(top, 0, k, s);
        insertTop(colTop, j * k, k, s);
      }
      rowMean[start + r] = meanFinite(top, 0, k);
    }
  }
  const colMean = new Float32Array(m);
  for (let j = 0; j < m; j++) colMean[j] = meanFinite(colTop, j * k, k);
  return [rowMean, colMean];
}

/** Keeps the k largest values of arr[off..off+k) in descending order. */
function insertTop(arr: Float32Array, off: number, k: number, s: number): void {
  if (s <= arr[off + k - 1]) return;
  let i = k - 1;
  while (i > 0 && arr[off + i - 1] < s) {
    arr[off + i] = arr[off + i - 1];
    i--;
  }
  arr[off + i] = s;
}

function meanFinite(arr: Float32Array, off: number, k: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < k; i++) {
    if (Number.isFinite(arr[off + i])) {
      s += arr[off + i];
      c++;
    }
  }
  return c ? s / c : 0;
}

/**
 * The published protocol: rank the test-right entities for each test-left entity (`pairs` flat [l, r, ...]).
 * With `side` and `excludeRight`, also rank against every KG2 entity except `excludeRight` (training partners),
 * which is what a curator faces.
 */
export function evaluatePairs(emb: Float32Array, dim: number, pairs: Int32Array, opts: RankOptions & { side?: Int8Array; exclude?: Set<number> } = {}): RankMetrics & { all?: RankMetrics } {
  const n = pairs.length / 2;
  const lefts = new Int32Array(n);
  const rights = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lefts[i] = pairs[2 * i];
    rights[i] = pairs[2 * i + 1];
  }
  const gold = Int32Array.from({ length: n }, (_, i) => i);
  const main = rankQueries(emb, dim, lefts, rights, gold, opts);
  if (!opts.side) return main;
  const side = opts.side;
  const all: number[] = [];
  for (let e = 0; e < side.length; e++) if (side[e] === 2 && !opts.exclude?.has(e)) all.push(e);
  const pos = new Map(all.map((e, i) => [e, i]));
  const goldAll = Int32Array.from(rights, (r) => pos.get(r) ?? -1);
  return { ...main, all: rankQueries(emb, dim, lefts, all, goldAll, opts) };
}
