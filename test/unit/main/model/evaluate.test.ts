import { describe, expect, it } from 'vitest';
import { evaluatePairs, jsKernel, rankQueries } from '../../../../src-main/model/evaluate';
import { Rng } from '../../../../src-main/model/rng';

describe('evaluate', () => {
  it('computes H@1, H@10 and MRR on a hand-checked case', () => {
    // Lefts 0, 1, 2 pair with rights 3, 4, 5. Entity 2 = (1, 1) is closer to 3 and 4 than to its partner (-1, 0).
    const emb = Float32Array.from([1, 0, 0, 1, 1, 1, 1, 0.1, 0.1, 1, -1, 0]);
    const m = evaluatePairs(emb, 2, Int32Array.from([0, 3, 1, 4, 2, 5]));
    expect(m.pairs).toBe(3);
    expect(m.hits1).toBeCloseTo(2 / 3, 10);
    expect(m.hits10).toBe(1);
    expect(m.mrr).toBeCloseTo((1 + 1 + 1 / 3) / 3, 10);
  });

  it('ranks against all KG2 entities except the excluded ones', () => {
    // Entity 6 (KG2, unaligned) sits exactly on entity 0's direction and outranks its partner 3.
    const emb = Float32Array.from([1, 0, 0, 1, 1, 1, 1, 0.1, 0.1, 1, -1, 0, 1, 0]);
    const side = Int8Array.from([1, 1, 1, 2, 2, 2, 2]);
    const m = evaluatePairs(emb, 2, Int32Array.from([0, 3, 1, 4, 2, 5]), { side });
    expect(m.hits1).toBeCloseTo(2 / 3, 10);
    expect(m.all!.hits1).toBeCloseTo(1 / 3, 10);
    const excluded = evaluatePairs(emb, 2, Int32Array.from([0, 3, 1, 4, 2, 5]), { side, exclude: new Set([6]) });
    expect(excluded.all!.hits1).toBeCloseTo(2 / 3, 10);
  });

  it('CSLS matches a brute-force implementation, blocked or not', () => {
    const rng = new Rng(5);
    const n = 30;
    const dim = 6;
    const emb = rng.normal(2 * n * dim, 1);
    const lefts = Int32Array.from({ length: n }, (_, i) => i);
    const rights = Int32Array.from({ length: n }, (_, i) => n + i);
    const gold = Int32Array.from({ length: n }, (_, i) => i);
    const unit = (i: number): number[] => {
      const v = Array.from(emb.subarray(i * dim, (i + 1) * dim));
      const s = Math.hypot(...v);
      return v.map((x) => x / s);
    };
    const cos = (a: number, b: number): number => unit(a).reduce((s, x, k) => s + x * unit(b)[k], 0);
    const topMean = (vals: number[]): number => vals.sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0) / 3;
    const rS = Array.from(lefts, (l) => topMean(Array.from(rights, (r) => cos(l, r))));
    const rT = Array.from(rights, (r) => topMean(Array.from(lefts, (l) => cos(l, r))));
    let h1 = 0;
    let mrr = 0;
    for (let i = 0; i < n; i++) {
      const score = (j: number): number => 2 * cos(lefts[i], rights[j]) - rS[i] - rT[j];
      let rank = 1;
      for (let j = 0; j < n; j++) if (score(j) > score(i)) rank++;
      if (rank === 1) h1++;
      mrr += 1 / rank;
    }
    for (const blockSize of [7, 512]) {
      const m = rankQueries(emb, dim, lefts, rights, gold, { cslsK: 3, blockSize, kernel: jsKernel() });
      expect(m.hits1).toBeCloseTo(h1 / n, 10);
      expect(m.mrr).toBeCloseTo(mrr / n, 5);
    }
  });

  it('counts a partner missing from the candidates as a miss', () => {
    const emb = Float32Array.from([1, 0, 1, 0, 0, 1]);
    const m = rankQueries(emb, 2, [0, 0], [1, 2], [0, -1]);
    expect(m.hits1).toBe(0.5);
    expect(m.mrr).toBe(0.5);
  });
});
