import { Rng } from './rng';

/**
 * Seed-label propagation over the relation graph: a parameter-free structural view (after LightEA, Mao et al.
 * 2022, "three-view label propagation"). Every seed pair gets one random unit label, written to both its
 * entities; labels then flow entity -> entity and entity -> relation -> entity for `depth` hops, and a final
 * relation-aware pass sums, for each neighbour, (the relations that link us) x (the neighbour's labels).
 * Two entities of different graphs end close when the seeds around them sit in the same relational positions.
 *
 * Why beside the trained GAT: on this 2-core CPU a full-batch GAT step costs seconds, so the GAT sees a few
 * hundred steps where published models see thousands, and plateaus under the published structure-only figures
 * (BENCHMARKS.md). Propagation needs no training (seconds on the CPU), uses every seed at once, and grows with
 * iterative training's pseudo-seeds. The trainer fuses it late with the learned vector, at a weight picked on the
 * validation pairs (structure-prior.ts), so a graph where it does not help gets weight 0.
 */
export interface PropagationGraph {
  numEntities: number;
  numRelations: number;
  heads: Int32Array;
  rels: Int32Array;
  tails: Int32Array;
}

export interface PropagationOptions {
  /** Dimension of the random seed labels. */
  labelDim: number;
  /** Propagation hops (entity and relation views). */
  depth: number;
  /** Dimension the relation features are projected to: one output block per dimension. */
  relationDim: number;
  /** Width of each output block (the neighbour labels projected down). */
  blockDim: number;
  seed: number;
}

export const DEFAULT_PROPAGATION: PropagationOptions = { labelDim: 256, depth: 2, relationDim: 128, blockDim: 16, seed: 1 };

/** Dense matrix product a [m x k] . b [k x n] -> [m x n], row-major; the trainer passes a TF.js one. */
export type MatMul = (a: Float32Array, m: number, k: number, b: Float32Array, n: number) => Float32Array;

/**
 * The graph in the shapes propagation walks: directed triples in both directions (inverse relations get ids
 * r + R), deduplicated, grouped into (head, tail) tuples sorted by head. Built once per training run.
 */
export interface PropagationIndex {
  n: number;
  /** Relations counting inverses: 2R. */
  r: number;
  /** Entity -> entity CSR with multiplicities; the diagonal (an entity's own label) weighs its degree. */
  eeStart: Int32Array;
  eeCol: Int32Array;
  eeVal: Float32Array;
  /** Relation -> entities that emit it (CSR by relation). */
  reStart: Int32Array;
  reCol: Int32Array;
  /** Entity -> relations it receives (CSR by entity). */
  erStart: Int32Array;
  erCol: Int32Array;
  /** Tuples (head, tail) sorted by head, and the relations of each tuple (CSR by tuple). */
  tupleHead: Int32Array;
  tupleTail: Int32Array;
  trStart: Int32Array;
  trRel: Int32Array;
}

export function buildPropagationIndex(g: PropagationGraph): PropagationIndex {
  const n = g.numEntities;
  const R = g.numRelations;
  const keys = new Float64Array(2 * g.heads.length);
  for (let i = 0; i < g.heads.length; i++) {
    keys[2 * i] = (g.heads[i] * n + g.tails[i]) * 2 * R + g.rels[i];
    keys[2 * i + 1] = (g.tails[i] * n + g.heads[i]) * 2 * R + g.rels[i] + R;
  }
  keys.sort();
  const h: number[] = [];
  const t: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i] === keys[i - 1]) continue;
    const k = keys[i];
    const rel = k % (2 * R);
    const pair = (k - rel) / (2 * R);
    const tail = pair % n;
    h.push((pair - tail) / n);
    t.push(tail);
    r.push(rel);
  }
  // Tuples: consecutive triples with the same (head, tail), already sorted by head then tail.
  const tupleHead: number[] = [];
  const tupleTail: number[] = [];
  const trStart: number[] = [0];
  for (let i = 0; i < h.length; i++) {
    if (i === 0 || h[i] !== h[i - 1] || t[i] !== t[i - 1]) {
      if (i > 0) trStart.push(i);
      tupleHead.push(h[i]);
      tupleTail.push(t[i]);
    }
  }
  trStart.push(h.length);
  // Entity -> entity: every tuple with its triple count, plus the diagonal weighted by the entity's triple count.
  const deg = new Float32Array(n);
  for (let i = 0; i < h.length; i++) {
    deg[h[i]]++;
    deg[t[i]]++;
  }
  const eeStart = new Int32Array(n + 1);
  for (const x of tupleHead) eeStart[x + 1]++;
  for (let i = 0; i < n; i++) eeStart[i + 1] += eeStart[i] + 1;
  const eeCol = new Int32Array(eeStart[n]);
  const eeVal = new Float32Array(eeStart[n]);
  const fill = eeStart.slice(0, n);
  for (let e = 0; e < n; e++) {
    eeCol[fill[e]] = e;
    eeVal[fill[e]++] = deg[e];
  }
  for (let u = 0; u < tupleHead.length; u++) {
    const at = fill[tupleHead[u]]++;
    eeCol[at] = tupleTail[u];
    eeVal[at] = trStart[u + 1] - trStart[u];
  }
  const re = uniqueCsr(2 * R, r, h);
  const er = uniqueCsr(n, t, r);
  return {
    n, r: 2 * R, eeStart, eeCol, eeVal, reStart: re.start, reCol: re.col, erStart: er.start, erCol: er.col,
    tupleHead: Int32Array.from(tupleHead), tupleTail: Int32Array.from(tupleTail), trStart: Int32Array.from(trStart), trRel: Int32Array.from(r),
  };
}

/**
 * Propagated features [n x relationDim * blockDim], unit rows (zero rows for entities the labels never reach).
 * `seeds` is flat [left, right, ...]: the training pairs and any pseudo-seeds, never validation or test pairs.
 */
export function propagateLabels(index: PropagationIndex, seeds: Int32Array, opts: PropagationOptions, matMul: MatMul): { data: Float32Array; dim: number } {
  const { n } = index;
  const rng = new Rng(opts.seed);
  const d = opts.labelDim;
  let ent = new Float32Array(n * d);
  const labels = rng.normal((seeds.length / 2) * d, 1);
  for (let p = 0; p < seeds.length / 2; p++) {
    const label = labels.subarray(p * d, (p + 1) * d);
    normalise(label);
    ent.set(label, seeds[2 * p] * d);
    ent.set(label, seeds[2 * p + 1] * d);
  }
  let rel = new Float32Array(index.r * d);
  const entHops = [ent];
  const relHops = [rel];
  for (let hop = 0; hop < opts.depth; hop++) {
    const nextRel = new Float32Array(index.r * d);
    csrSum(index.reStart, index.reCol, null, ent, d, nextRel);
    const nextEnt = new Float32Array(n * d);
    csrSum(index.eeStart, index.eeCol, index.eeVal, ent, d, nextEnt);
    csrSum(index.erStart, index.erCol, null, rel, d, nextEnt);
    normaliseRows(nextRel, d);
    normaliseRows(nextEnt, d);
    ent = nextEnt;
    rel = nextRel;
    entHops.push(ent);
    relHops.push(rel);
  }
  const entAll = concatRows(entHops, n, d);
  const relAll = concatRows(relHops, index.r, d);
  const width = d * (opts.depth + 1);
  normaliseRows(entAll, width);
  normaliseRows(relAll, width);
  const relProj = matMul(relAll, index.r, width, rng.normal(width * opts.relationDim, 1), opts.relationDim);
  return relationAware(index, entAll, width, relProj, opts, rng, matMul);
}

/**
 * The relation-aware pass: for output block k, each tuple (h, t) adds (sum of its relations' k-th coordinate) x
 * (t's labels projected to blockDim by a block-specific random matrix) to h. Blocks are projected in groups so the
 * projected labels stay a bounded [n x group * blockDim] matrix.
 */
function relationAware(index: PropagationIndex, ent: Float32Array, width: number, relProj: Float32Array, opts: PropagationOptions, rng: Rng, matMul: MatMul): { data: Float32Array; dim: number } {
  const { n, tupleHead, tupleTail, trStart, trRel } = index;
  const rd = opts.relationDim;
  const bd = opts.blockDim;
  const dim = rd * bd;
  const tuples = tupleHead.length;
  // Each tuple's relation vector: the sum of its relations' projected features.
  const tupleVal = new Float32Array(tuples * rd);
  for (let u = 0; u < tuples; u++) {
    for (let i = trStart[u]; i < trStart[u + 1]; i++) {
      const o = trRel[i] * rd;
      for (let k = 0; k < rd; k++) tupleVal[u * rd + k] += relProj[o + k];
    }
  }
  const out = new Float32Array(n * dim);
  const group = Math.max(1, Math.floor(1024 / bd));
  for (let k0 = 0; k0 < rd; k0 += group) {
    const g = Math.min(group, rd - k0);
    const gw = g * bd;
    const projected = matMul(ent, n, width, rng.normal(width * gw, 1), gw);
    for (let u = 0; u < tuples; u++) {
      const ho = tupleHead[u] * dim + k0 * bd;
      const to = tupleTail[u] * gw;
      const vo = u * rd + k0;
      for (let k = 0; k < g; k++) {
        const v = tupleVal[vo + k];
        if (v === 0) continue;
        const a = ho + k * bd;
        const b = to + k * bd;
        for (let j = 0; j < bd; j++) out[a + j] += v * projected[b + j];
      }
    }
  }
  normaliseRows(out, dim);
  return { data: out, dim };
}

/** out[row] += sum over the row's columns of (val or 1) x x[col], rows of width d. */
function csrSum(start: Int32Array, col: Int32Array, val: Float32Array | null, x: Float32Array, d: number, out: Float32Array): void {
  for (let row = 0; row + 1 < start.length; row++) {
    const o = row * d;
    for (let i = start[row]; i < start[row + 1]; i++) {
      const w = val ? val[i] : 1;
      const c = col[i] * d;
      for (let k = 0; k < d; k++) out[o + k] += w * x[c + k];
    }
  }
}

function uniqueCsr(rows: number, rowOf: number[], colOf: number[]): { start: Int32Array; col: Int32Array } {
  const seen = new Set<number>();
  const pairs: number[] = [];
  let span = 1;
  for (const c of colOf) if (c + 1 > span) span = c + 1;
  for (let i = 0; i < rowOf.length; i++) {
    const key = rowOf[i] * span + colOf[i];
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push(key);
    }
  }
  pairs.sort((a, b) => a - b);
  const start = new Int32Array(rows + 1);
  const col = new Int32Array(pairs.length);
  pairs.forEach((key, i) => {
    const c = key % span;
    start[(key - c) / span + 1]++;
    col[i] = c;
  });
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  return { start, col };
}

function concatRows(parts: Float32Array[], rows: number, d: number): Float32Array {
  const w = parts.length * d;
  const out = new Float32Array(rows * w);
  for (let i = 0; i < rows; i++) parts.forEach((p, j) => out.set(p.subarray(i * d, (i + 1) * d), i * w + j * d));
  return out;
}

function normalise(v: Float32Array): void {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  if (s > 0) {
    const f = 1 / Math.sqrt(s);
    for (let k = 0; k < v.length; k++) v[k] *= f;
  }
}

function normaliseRows(x: Float32Array, d: number): void {
  for (let o = 0; o < x.length; o += d) normalise(x.subarray(o, o + d));
}
