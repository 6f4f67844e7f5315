import type { SimilarityKernel } from './evaluate';
import { cslsMeans, unitRows } from './evaluate';
import { sinkhornMutual } from './sinkhorn-match';

/** How a probe pairs entities: mutual nearest by cosine, by CSLS (k = 3), or mutual argmax after Sinkhorn scaling. */
export type PairMatch = 'cosine' | 'csls' | 'sinkhorn';

/**
 * Iterative training's probation: mutual pairs among the unaligned entities (nearest neighbours, or argmaxes after
 * Sinkhorn scaling: `PairMatch`), checked repeatedly; a pair that stays mutual for `checks` consecutive checks
 * becomes a pseudo-seed.
 */
export class Probation {
  private readonly streak = new Map<number, { right: number; count: number }>();
  readonly accepted: [number, number][] = [];
  private readonly taken = new Set<number>();
  /** Entities with a seed or validation partner: never proposed, not even by `rematch`. */
  private readonly fixed = new Set<number>();

  /** `pool` (Uint8 per entity, 1 = may be proposed) narrows the candidates; absent = every entity. */
  /** `match`: how each probe pairs the candidates (mutualNearest, sinkhornMutual). */
  constructor(private readonly checks: number, private readonly pool?: Uint8Array, private readonly match: PairMatch = 'cosine') {}

  /** Marks entities that already have a partner (seeds, valid pairs) so they are never proposed. */
  exclude(entities: Iterable<number>): void {
    for (const e of entities) {
      this.taken.add(e);
      this.fixed.add(e);
    }
  }

  /** One check over embeddings [n x dim]; returns the pairs promoted to pseudo-seeds by this check. */
  check(emb: Float32Array, dim: number, side: Int8Array, kernel: SimilarityKernel, block = 1024): [number, number][] {
    return this.round(emb, dim, side, kernel, block, this.checks);
  }

  /** Promotes every current mutual pair at once, without the streak (the final rounds, on vectors that no longer train). */
  promoteMutual(emb: Float32Array, dim: number, side: Int8Array, kernel: SimilarityKernel, block = 1024): [number, number][] {
    return this.round(emb, dim, side, kernel, block, 1);
  }

  /**
   * Pairs every candidate afresh: the mutual pairs among all pool entities without a seed or validation partner,
   * the accepted pseudo-seeds competing again like the rest (the final rounds, after LightEA, which relabels this
   * way). Accepted pairs stay as they are; the caller decides which pairs label the propagation.
   * Why: an accepted pair is never reconsidered by `check`, so a wrong one stays a label for good. On vectors that
   * no longer train, re-pairing everything from scratch drops pairs the final evidence no longer supports and lets
   * their entities find the right partner: on DBP15K, 8,453 right pairs in 9,813 against the 8,167 in 10,371 that
   * training had accepted (BENCHMARKS.md, session 7).
   */
  rematch(emb: Float32Array, dim: number, side: Int8Array, kernel: SimilarityKernel, block = 1024): [number, number][] {
    return this.pairs(emb, dim, side, kernel, block, this.fixed);
  }

  private pairs(emb: Float32Array, dim: number, side: Int8Array, kernel: SimilarityKernel, block: number, skip: Set<number>): [number, number][] {
    const lefts: number[] = [];
    const rights: number[] = [];
    for (let e = 0; e < side.length; e++) {
      // An entity with a zero vector has no evidence at all: it is never proposed.
      if (skip.has(e) || (this.pool && !this.pool[e]) || isZero(emb, e, dim)) continue;
      (side[e] === 1 ? lefts : rights).push(e);
    }
    if (!lefts.length || !rights.length) return [];
    return this.match === 'sinkhorn' ? sinkhornMutual(emb, dim, lefts, rights, kernel, block) : mutualNearest(emb, dim, lefts, rights, kernel, block, this.match === 'csls' ? 3 : 0);
  }

  private round(emb: Float32Array, dim: number, side: Int8Array, kernel: SimilarityKernel, block: number, checks: number): [number, number][] {
    const promoted: [number, number][] = [];
    const mutual = this.pairs(emb, dim, side, kernel, block, this.taken);
    const seen = new Set<number>();
    for (const [l, r] of mutual) {
      seen.add(l);
      const s = this.streak.get(l);
      const count = s && s.right === r ? s.count + 1 : 1;
      this.streak.set(l, { right: r, count });
      if (count >= checks) {
        promoted.push([l, r]);
        this.accepted.push([l, r]);
        this.taken.add(l);
        this.taken.add(r);
        this.streak.delete(l);
      }
    }
    for (const l of [...this.streak.keys()]) if (!seen.has(l)) this.streak.delete(l);
    return promoted;
  }
}

/**
 * Pairs (l, r) where r is l's nearest right and l is r's nearest left: by cosine, or with `cslsK` > 0 by CSLS
 * (2 cos - r_l - r_r, r = mean cosine of the k nearest on the other side). CSLS discounts hubs, entities close to
 * many, which under cosine are nobody's mutual partner: on DBP15K's propagated labels it finds 6,159 right pairs in
 * 7,146 (86%), against 4,879 in 5,400 (90%) by cosine (BENCHMARKS.md, session 5). It costs a second pass.
 */
export function mutualNearest(emb: Float32Array, dim: number, lefts: number[], rights: number[], kernel: SimilarityKernel, block = 1024, cslsK = 0): [number, number][] {
  const q = unitRows(emb, dim, lefts);
  const n = lefts.length;
  const m = rights.length;
  kernel.prepare(unitRows(emb, dim, rights), m, dim);
  const rowBest = new Int32Array(n);
  const colBest = new Int32Array(m).fill(-1);
  const colScore = new Float32Array(m).fill(-Infinity);
  const rowsAt = (start: number, rows: number): Float32Array => kernel.multiply(q.subarray(start * dim, (start + rows) * dim), rows);
  try {
    // The hubness terms (zero for cosine): a first pass over the same blocks.
    const [rowHub, colHub] = cslsK > 0 ? cslsMeans(n, m, cslsK, block, rowsAt) : [new Float32Array(n), new Float32Array(m)];
    for (let start = 0; start < n; start += block) {
      const rows = Math.min(block, n - start);
      const sims = rowsAt(start, rows);
      for (let r = 0; r < rows; r++) {
        let best = -1;
        let bestS = -Infinity;
        const hub = rowHub[start + r];
        for (let j = 0; j < m; j++) {
          const c = sims[r * m + j];
          // A row's own hub term is the same for all its candidates, and a column's for all its rows.
          const byRow = 2 * c - colHub[j];
          if (byRow > bestS) {
            bestS = byRow;
            best = j;
          }
          const byCol = 2 * c - hub;
          if (byCol > colScore[j]) {
            colScore[j] = byCol;
            colBest[j] = start + r;
          }
        }
        rowBest[start + r] = best;
      }
    }
  } finally {
    kernel.dispose();
  }
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) if (colBest[rowBest[i]] === i) out.push([lefts[i], rights[rowBest[i]]]);
  return out;
}

function isZero(emb: Float32Array, e: number, dim: number): boolean {
  for (let k = e * dim; k < (e + 1) * dim; k++) if (emb[k] !== 0) return false;
  return true;
}
