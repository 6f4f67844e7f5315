import { describe, expect, it } from 'vitest';
import { metricsOfRanks, rankingMetrics } from '../../../../src-main/align/ranking';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe('ranking metrics', () => {
  it('computes H@1, H@10 and MRR from ranks', () => {
    expect(metricsOfRanks([1, 2, 11, 4])).toEqual({ hits1: 0.25, hits10: 0.75, mrr: (1 + 0.5 + 1 / 11 + 0.25) / 4 });
    expect(metricsOfRanks([])).toEqual({ hits1: 0, hits10: 0, mrr: 0 });
  });

  it('ranks each test left among the test rights (and among all right entities) like a brute-force count', async () => {
    const rnd = random(5);
    const n = 300;
    const dim = 10;
    // Rows 0..n-1 left, n..2n-1 right (right i = left i + noise), 2n..2n+49 extra right entities.
    const rows = 2 * n + 50;
    const data = new Float32Array(rows * dim).map(() => rnd());
    for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) data[(n + i) * dim + k] = data[i * dim + k] + 0.8 * rnd();
    const final = { ids: Int32Array.from({ length: rows }, (_, r) => r + 1), dim, data };
    const pairs = Array.from({ length: n }, (_, i) => ({ left: i + 1, right: n + i + 1 }));
    const allRight = Int32Array.from({ length: n + 50 }, (_, i) => n + i + 1);
    const cos = (a: number, b: number) => {
      let d = 0, na = 0, nb = 0;
      for (let k = 0; k < dim; k++) {
        d += data[a * dim + k] * data[b * dim + k];
        na += data[a * dim + k] ** 2;
        nb += data[b * dim + k] ** 2;
      }
      return d / Math.sqrt(na * nb);
    };
    const brute = (targets: number[]) => metricsOfRanks(pairs.map((_, i) => 1 + targets.filter((t) => cos(i, t) > cos(i, n + i)).length));
    const metrics = await rankingMetrics(final, pairs, { allRight });
    const expected = brute(Array.from({ length: n }, (_, j) => n + j));
    expect(metrics!.pairs).toBe(n);
    expect(metrics!.hits1).toBeCloseTo(expected.hits1, 10);
    expect(metrics!.hits10).toBeCloseTo(expected.hits10, 10);
    expect(metrics!.mrr).toBeCloseTo(expected.mrr, 6);
    expect(metrics!.hits1).toBeGreaterThan(0.2);
    expect(metrics!.hits1).toBeLessThan(1);
    const all = brute(Array.from({ length: n + 50 }, (_, j) => n + j));
    expect(metrics!.all!.mrr).toBeCloseTo(all.mrr, 6);
    expect(await rankingMetrics(final, [{ left: 9999, right: 1 }])).toBeNull();
  });

  it('stops when cancelled', async () => {
    const dim = 4;
    const final = { ids: Int32Array.from({ length: 1200 }, (_, r) => r + 1), dim, data: new Float32Array(1200 * dim).map(random(1)) };
    const pairs = Array.from({ length: 600 }, (_, i) => ({ left: i + 1, right: 601 + i }));
    const controller = new AbortController();
    controller.abort();
    await expect(rankingMetrics(final, pairs, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
