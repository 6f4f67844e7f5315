import { describe, expect, it } from 'vitest';
import { evaluatePairs, jsKernel } from '../../../../src-main/model/evaluate';
import { blendViews, idfView, pickShares, rankMatrix, searchShares, shareGrid } from '../../../../src-main/model/late-fusion';
import { Rng } from '../../../../src-main/model/rng';

const dot = (v: Float32Array, i: number, j: number, d: number): number => {
  let s = 0;
  for (let k = 0; k < d; k++) s += v[i * d + k] * v[j * d + k];
  return s;
};

describe('late fusion', () => {
  // Three entities: 2-d learned vectors, 3-d second view; entity 2 lacks the second view (a zero row).
  const learned = { dim: 2, data: Float32Array.of(3, 0, 0, 2, 1, 1) };
  const other = { dim: 3, data: Float32Array.of(1, 1, 0, 2, 2, 0, 0, 0, 0) };

  it('gives cosines that mix the views by their shares', () => {
    const b = blendViews([learned, other], [0.7, 0.3]);
    expect(b.dim).toBe(5);
    // Learned cosine of 0 and 1 is 0, the other view's is 1.
    expect(dot(b.data, 0, 1, 5)).toBeCloseTo(0.7 * 0 + 0.3 * 1, 5);
    // Entity 2 lacks the view: only the learned block, with norm sqrt(0.7).
    expect(dot(b.data, 2, 2, 5)).toBeCloseTo(0.7, 5);
    expect(dot(b.data, 0, 2, 5)).toBeCloseTo(0.7 * Math.SQRT1_2, 5);
  });

  it('leaves a view with share 0 out of the vector', () => {
    const b = blendViews([learned, other], [1, 0]);
    expect(b.dim).toBe(2);
    expect(dot(b.data, 1, 2, 2)).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('enumerates normalised share combinations, the learned vector alone first and the extra views alone included', () => {
    const g = shareGrid(2);
    // 13 x 13 weights beside the learned vector, plus 13 + 13 - 1 ratios without it, less the duplicates of scaling.
    expect(g.length).toBeGreaterThan(169);
    expect(g[0]).toEqual([1, 0, 0]);
    for (const s of g) expect(s.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
    expect(g).toContainEqual([0, 1, 0]);
    expect(g).toContainEqual([0, 0, 1]);
    expect(new Set(g.map((s) => s.join(','))).size).toBe(g.length);
    expect(shareGrid(0)).toEqual([[1]]);
  });

  it('never counts a query without evidence (all scores tied) as a hit', () => {
    const sims = new Float32Array(3 * 3);
    expect(rankMatrix(sims, 3, 3, [0, 1, 2], 0).hits1).toBe(0);
    expect(rankMatrix(sims, 3, 3, [0, 1, 2], 0).mrr).toBeCloseTo(1 / 3, 9);
    // A zero embedding row ties every candidate in evaluatePairs too.
    const emb = Float32Array.of(0, 0, 1, 0, 0, 1, 1, 0);
    expect(evaluatePairs(emb, 2, Int32Array.of(0, 2, 1, 3)).hits1).toBe(0.5);
  });

  it('ranks from a similarity matrix exactly as evaluatePairs does, with and without CSLS', () => {
    const rng = new Rng(3);
    const n = 20;
    const dim = 6;
    const emb = rng.normal(2 * n * dim, 1);
    const pairs = Int32Array.from({ length: 2 * n }, (_, i) => (i % 2 ? n + (i - 1) / 2 : i / 2));
    const lefts = Array.from({ length: n }, (_, i) => i);
    const rights = Array.from({ length: n }, (_, i) => n + i);
    const k = jsKernel();
    const unit = blendViews([{ dim, data: emb }], [1]).data;
    k.prepare(unit.slice(n * dim), n, dim);
    const sims = k.multiply(unit.slice(0, n * dim), n);
    const gold = lefts.map((i) => i);
    for (const csls of [0, 3]) {
      const a = rankMatrix(sims, n, n, gold, csls);
      const b = evaluatePairs(emb, dim, pairs, { cslsK: csls });
      expect(a.hits1).toBeCloseTo(b.hits1, 9);
      expect(a.mrr).toBeCloseTo(b.mrr, 5);
    }
    expect(rights).toHaveLength(n);
  });

  it('picks the share of the view that ranks the validation partners first', () => {
    const rng = new Rng(5);
    const n = 30;
    const noise = { dim: 8, data: rng.normal(2 * n * 8, 1) };
    // The informative view: partners share a random vector.
    const base = rng.normal(n * 8, 1);
    const good = { dim: 8, data: new Float32Array(2 * n * 8) };
    good.data.set(base, 0);
    good.data.set(base, n * 8);
    const lefts = Array.from({ length: n }, (_, i) => i);
    const candidates = Array.from({ length: n }, (_, i) => n + i);
    const pick = pickShares([noise, good], lefts, candidates, lefts, shareGrid(1), 0, jsKernel);
    expect(pick.metrics.hits1).toBe(1);
    expect(pick.shares[1]).toBeGreaterThan(0.5);
    const alone = pickShares([noise, good], lefts, candidates, lefts, [[1, 0]], 0, jsKernel);
    expect(alone.metrics.hits1).toBeLessThan(0.5);
  });

  it('searches the shares of three extra views and combines two that each know half the partners', () => {
    const rng = new Rng(9);
    const n = 40;
    const d = 8;
    // halfView(first): partners share a vector for the first (or second) half of the pairs, random elsewhere.
    const halfView = (first: boolean): { dim: number; data: Float32Array } => {
      const data = rng.normal(2 * n * d, 1);
      for (let i = 0; i < n; i++) if (i < n / 2 === first) data.set(data.subarray(i * d, (i + 1) * d), (n + i) * d);
      return { dim: d, data };
    };
    const noise = (): { dim: number; data: Float32Array } => ({ dim: d, data: rng.normal(2 * n * d, 1) });
    const views = [noise(), halfView(true), noise(), halfView(false)];
    const lefts = Array.from({ length: n }, (_, i) => i);
    const candidates = Array.from({ length: n }, (_, i) => n + i);
    const alone = [1, 3].map((v) => pickShares(views, lefts, candidates, lefts, [views.map((_, i) => (i === v ? 1 : 0))], 0, jsKernel).metrics.hits1);
    for (const h of alone) expect(h).toBeLessThan(0.8);
    const pick = searchShares(views, lefts, candidates, lefts, 0, jsKernel);
    expect(pick.metrics.hits1).toBeGreaterThan(Math.max(...alone));
    expect(pick.shares[1]).toBeGreaterThan(0);
    expect(pick.shares[3]).toBeGreaterThan(0);
    expect(pick.shares.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
    // Deterministic: the same search gives the same shares.
    expect(searchShares(views, lefts, candidates, lefts, 0, jsKernel).shares).toEqual(pick.shares);
  });

  it('weights a bag by inverse document frequency and leaves entities without it at zero', () => {
    // Four entities, three columns: column 0 on every entity that has the bag, column 2 on one only; entity 3 has none.
    const f = { cols: 3, data: Float32Array.of(1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0), present: Uint8Array.of(1, 1, 1, 0) };
    const v = idfView(f);
    expect(v.dim).toBe(3);
    const at = (e: number, c: number): number => v.data[e * 3 + c];
    expect(at(0, 0)).toBeCloseTo(Math.log(4 / 3), 6);
    expect(at(0, 1)).toBeCloseTo(Math.log(4 / 2), 6);
    expect(at(1, 2)).toBeCloseTo(Math.log(4 / 1), 6);
    expect(at(1, 1)).toBe(0);
    expect(Array.from(v.data.subarray(9))).toEqual([0, 0, 0]);
    // The rare column now outweighs the common one.
    expect(at(1, 2)).toBeGreaterThan(at(1, 0));
  });
});
