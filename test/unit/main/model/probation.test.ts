import { describe, expect, it } from 'vitest';
import { jsKernel, type SimilarityKernel } from '../../../../src-main/model/evaluate';
import { Probation, mutualNearest } from '../../../../src-main/model/probation';

describe('probation (iterative training)', () => {
  // KG1: 0, 1, 2; KG2: 3, 4, 5. 0 <-> 3 and 1 <-> 4 are mutual; 2's nearest is 4, which prefers 1.
  const emb = Float32Array.from([1, 0, 0, 1, 0.1, 1, 1, 0.05, 0, 1, -1, -1]);
  const side = Int8Array.from([1, 1, 1, 2, 2, 2]);

  it('finds mutual nearest neighbours only', () => {
    expect(mutualNearest(emb, 2, [0, 1, 2], [3, 4, 5], jsKernel(), 2)).toEqual([[0, 3], [1, 4]]);
  });

  it('by CSLS, pairs an entity whose nearest is a hub with its own partner', () => {
    // Lefts a, b; rights h (a hub: the nearest of both lefts) and x. Cosine pairs only b <-> h; CSLS with k = 1
    // discounts h (its best is 0.95) and x's 0.88 with a wins: a <-> x as well.
    const sims = Float32Array.from([0.9, 0.88, 0.95, 0.1]);
    let calls = 0;
    const fixed: SimilarityKernel = { prepare: () => undefined, multiply: () => (calls++, sims), dispose: () => undefined };
    const any = new Float32Array(8).fill(1);
    expect(mutualNearest(any, 2, [0, 1], [2, 3], fixed)).toEqual([[1, 2]]);
    expect(calls).toBe(1);
    expect(mutualNearest(any, 2, [0, 1], [2, 3], fixed, 1024, 1)).toEqual([[0, 3], [1, 2]]);
    // The hubness pass is a second pass over the same blocks.
    expect(calls).toBe(3);
  });

  it('with CSLS on well-separated vectors, finds the same pairs as cosine', () => {
    expect(mutualNearest(emb, 2, [0, 1, 2], [3, 4, 5], jsKernel(), 2, 3)).toEqual(mutualNearest(emb, 2, [0, 1, 2], [3, 4, 5], jsKernel(), 2));
    expect(new Probation(1, undefined, 'csls').promoteMutual(emb, 2, side, jsKernel())).toContainEqual([0, 3]);
  });

  it('promotes a pair after it stays mutual for the whole cycle, and skips excluded entities', () => {
    const p = new Probation(3);
    p.exclude([1]);
    expect(p.check(emb, 2, side, jsKernel())).toEqual([]);
    expect(p.check(emb, 2, side, jsKernel())).toEqual([]);
    const third = p.check(emb, 2, side, jsKernel());
    expect(third).toContainEqual([0, 3]);
    expect(third.some(([l]) => l === 1)).toBe(false);
    // Promoted entities are taken: never proposed again.
    expect(p.check(emb, 2, side, jsKernel()).some(([l]) => l === 0)).toBe(false);
    expect(p.accepted).toContainEqual([0, 3]);
  });

  it('rematch pairs the accepted pseudo-seeds afresh, so a pair the vectors no longer support is replaced', () => {
    // Vectors that first make 0 <-> 4 and 1 <-> 3 mutual; the pair is accepted, then the vectors change.
    const early = Float32Array.from([1, 0, 0, 1, 0, 0, 0, 1, 1, 0.05, 0, 0]);
    const sides = Int8Array.from([1, 1, 1, 2, 2, 2]);
    const p = new Probation(1);
    p.exclude([2, 5]);
    expect(p.check(early, 2, sides, jsKernel())).toEqual([[0, 4], [1, 3]]);
    // Taken entities are never proposed by check or promoteMutual ...
    expect(p.promoteMutual(emb, 2, sides, jsKernel())).toEqual([]);
    // ... but rematch pairs them again on the new vectors (0 <-> 3, 1 <-> 4), and still skips excluded 2 and 5.
    expect(p.rematch(emb, 2, sides, jsKernel())).toEqual([[0, 3], [1, 4]]);
    // The accepted list is what training promoted; rematch leaves it to the caller.
    expect(p.accepted).toEqual([[0, 4], [1, 3]]);
  });

  it('never proposes an entity whose vector is zero (no evidence), even when it would tie its way to mutual', () => {
    // KG1: 0 (zero), KG2: 1 (zero); a zero pair scores 0 against everything and would be "mutual" on ties.
    const zeros = new Float32Array(4);
    const p = new Probation(1);
    expect(p.check(zeros, 2, Int8Array.from([1, 2]), jsKernel())).toEqual([]);
    const mixed = Float32Array.from([0, 0, 1, 0, 1, 0]);
    expect(new Probation(1).check(mixed, 2, Int8Array.from([1, 1, 2]), jsKernel())).toEqual([[1, 2]]);
  });

  it('proposes only entities of the pool when one is given', () => {
    // Without entity 4 in the pool, 1's nearest right is 3 or 5, and 2 <-> 5 is left: 4 can never be proposed.
    const pool = Uint8Array.from([1, 1, 1, 1, 0, 1]);
    const promoted = new Probation(1, pool).check(emb, 2, side, jsKernel());
    expect(promoted.length).toBeGreaterThan(0);
    expect(promoted.some(([, r]) => r === 4)).toBe(false);
    expect(new Probation(1).check(emb, 2, side, jsKernel())).toContainEqual([1, 4]);
  });

  it('promotes every mutual pair at once in a final round, whatever the streak length', () => {
    const p = new Probation(5);
    p.exclude([2]);
    expect(p.promoteMutual(emb, 2, side, jsKernel())).toEqual([[0, 3], [1, 4]]);
    expect(p.accepted).toEqual([[0, 3], [1, 4]]);
    // Taken now: nothing left to promote.
    expect(p.promoteMutual(emb, 2, side, jsKernel())).toEqual([]);
  });
});
