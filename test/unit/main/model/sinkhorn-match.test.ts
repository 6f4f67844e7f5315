import { describe, expect, it } from 'vitest';
import { jsKernel, type SimilarityKernel } from '../../../../src-main/model/evaluate';
import { Probation, mutualNearest } from '../../../../src-main/model/probation';
import { Rng } from '../../../../src-main/model/rng';
import { sinkhornMutual } from '../../../../src-main/model/sinkhorn-match';

/** A kernel that returns fixed similarities (rows of the lefts against every right), whatever the vectors. */
function fixedKernel(sims: number[][]): SimilarityKernel {
  return {
    prepare: () => undefined,
    multiply: (_q, rows) => Float32Array.from(sims.slice(0, rows).flat()),
    dispose: () => undefined,
  };
}

/** n pairs: left i and right n + i are noisy copies of one random vector. */
function noisyPairs(n: number, dim: number, noise: number, seed: number): { emb: Float32Array; lefts: number[]; rights: number[] } {
  const rng = new Rng(seed);
  const base = rng.normal(n * dim, 1);
  const emb = new Float32Array(2 * n * dim);
  for (let side = 0; side < 2; side++) {
    const jitter = rng.normal(n * dim, noise);
    for (let x = 0; x < n * dim; x++) emb[side * n * dim + x] = base[x] + jitter[x];
  }
  return { emb, lefts: [...Array(n).keys()], rights: [...Array(n).keys()].map((i) => n + i) };
}

describe('sinkhornMutual (pseudo-seeds after Sinkhorn scaling)', () => {
  it('pairs both lefts where a hub is the nearest of both, which cosine and CSLS cannot', () => {
    // Lefts a, b; rights x, y. x is the nearest of both (0.9, 0.95); a has nothing else (y at 0.5), b has y at 0.9.
    // The assignment a-x, b-y (1.8) beats b-x alone: scaling moves b to y, and a keeps x.
    const sims = [[0.9, 0.5], [0.95, 0.9]];
    const any = new Float32Array(8).fill(1);
    expect(mutualNearest(any, 2, [0, 1], [2, 3], fixedKernel(sims))).toEqual([[1, 2]]);
    expect(mutualNearest(any, 2, [0, 1], [2, 3], fixedKernel(sims), 1024, 1)).toEqual([[1, 2]]);
    expect(sinkhornMutual(any, 2, [0, 1], [2, 3], fixedKernel(sims))).toEqual([[0, 2], [1, 3]]);
  });

  it('finds every pair of well-separated noisy copies, the same with few candidates kept or small blocks', () => {
    const { emb, lefts, rights } = noisyPairs(60, 16, 0.2, 3);
    const all = sinkhornMutual(emb, 16, lefts, rights, jsKernel());
    expect(all).toEqual(lefts.map((l, i) => [l, rights[i]]));
    expect(sinkhornMutual(emb, 16, lefts, rights, jsKernel(), 7, { topK: 5, temperature: 0.02, iterations: 15 })).toEqual(all);
  });

  it('on noisy copies, finds at least as many right pairs as cosine mutual nearest', () => {
    const { emb, lefts, rights } = noisyPairs(300, 8, 0.9, 5);
    const right = (pairs: [number, number][]): number => pairs.filter(([l, r]) => r === l + 300).length;
    const cosine = right(mutualNearest(emb, 8, lefts, rights, jsKernel()));
    const sinkhorn = right(sinkhornMutual(emb, 8, lefts, rights, jsKernel()));
    expect(cosine).toBeLessThan(300); // the noise makes the task non-trivial
    expect(sinkhorn).toBeGreaterThan(cosine);
  });

  it('is what probation uses when asked, with its streak and exclusions', () => {
    const { emb } = noisyPairs(4, 8, 0.1, 7);
    const side = Int8Array.from([1, 1, 1, 1, 2, 2, 2, 2]);
    const p = new Probation(2, undefined, 'sinkhorn');
    p.exclude([0, 4]);
    expect(p.check(emb, 8, side, jsKernel())).toEqual([]);
    expect(p.check(emb, 8, side, jsKernel())).toEqual([[1, 5], [2, 6], [3, 7]]);
    expect(p.accepted).toHaveLength(3);
  });
});
