import { describe, expect, it } from 'vitest';
import { generateCandidates, type CandidateInput } from '../../../../src-main/align/generate-candidates';
import { candidateRow } from '../../../../src-main/align/candidate-table';
import { TopKHeaps } from '../../../../src-main/align/top-k';
import { dotKernelBytes, wasmApi } from '../../../../src-main/align/wasm-kernel';
import { createTileScorer } from '../../../../src-main/align/tile-scorer';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** n1 + n2 entities, dim-d random vectors; entity ids are 100 + row (not row numbers, on purpose). */
function makeInput(n1: number, n2: number, dim: number, seed: number, images: (row: number) => boolean = () => false): CandidateInput {
  const rnd = random(seed);
  const rows = n1 + n2;
  const data = new Float32Array(rows * dim).map(() => rnd());
  return {
    final: { ids: Int32Array.from({ length: rows }, (_, r) => 100 + r), dim, data },
    side: Int8Array.from({ length: rows }, (_, r) => (r < n1 ? 1 : 2)),
    isImage: Int8Array.from({ length: rows }, (_, r) => (images(r) ? 1 : 0)),
    modalities: {},
  };
}

function cosine(a: Float32Array, i: number, j: number, dim: number): number {
  let dot = 0, na = 0, nb = 0;
  for (let k = 0; k < dim; k++) {
    dot += a[i * dim + k] * a[j * dim + k];
    na += a[i * dim + k] ** 2;
    nb += a[j * dim + k] ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

/** Brute force: the full matrix, sorted lists per row and column, for one kind group. */
function bruteForce(input: CandidateInput, k: number, csls: boolean, leftRows: number[], rightRows: number[]) {
  const { data, dim } = input.final;
  const sim = leftRows.map((i) => rightRows.map((j) => cosine(data, i, j, dim)));
  const topMean = (values: number[]) => [...values].sort((a, b) => b - a).slice(0, 3).reduce((s, v) => s + v, 0) / Math.min(3, values.length);
  const rRow = leftRows.map((_, a) => topMean(sim[a]));
  const rCol = rightRows.map((_, b) => topMean(sim.map((row) => row[b])));
  const score = (a: number, b: number) => (csls ? 2 * sim[a][b] - rRow[a] - rCol[b] : sim[a][b]);
  const rowLists = leftRows.map((_, a) => rightRows.map((_, b) => b).sort((x, y) => score(a, y) - score(a, x)).slice(0, k));
  const colLists = rightRows.map((_, b) => leftRows.map((_, a) => a).sort((x, y) => score(y, b) - score(x, b)).slice(0, k));
  return { score, rowLists, colLists };
}

describe('TopKHeaps', () => {
  it('keeps the k largest of a stream, best first, ties to the earlier index', () => {
    const heaps = new TopKHeaps(1, 3);
    [0.1, 0.5, 0.3, 0.9, 0.5, 0.2, 0.7].forEach((s, i) => heaps.push(0, s, i));
    expect(heaps.sorted(0).index).toEqual([3, 6, 1]);
    expect(heaps.sorted(0).scores.map((s) => +s.toFixed(3))).toEqual([0.9, 0.7, 0.5]);
    expect(heaps.floor[0]).toBeCloseTo(0.5);
  });
});

describe('tile scorer', () => {
  it('is a valid WebAssembly module and both kernels agree with plain dot products', () => {
    expect(wasmApi()!.validate(dotKernelBytes())).toBe(true);
    const input = makeInput(7, 9, 13, 5);
    for (const kernel of ['wasm', 'js'] as const) {
      const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);
      const cols = Int32Array.from([7, 8, 9, 10, 11, 12, 13, 14, 15]);
      const scorer = createTileScorer({ data: input.final.data, rows, count: 7 }, { data: input.final.data, rows: cols, count: 9 }, 13, kernel);
      expect(scorer.kernel).toBe(kernel);
      const { data, stride } = scorer.tile(1, 6, 2, 9);
      for (let i = 1; i < 6; i++) for (let j = 2; j < 9; j++) expect(data[(i - 1) * stride + (j - 2)]).toBeCloseTo(cosine(input.final.data, rows[i], cols[j], 13), 5);
    }
  });
});

describe('generateCandidates', () => {
  it.each([
    ['wasm', false],
    ['js', false],
    ['wasm', true],
  ] as const)('matches brute force top-k in both directions (%s kernel, csls %s), across tile borders', async (kernel, csls) => {
    // 300 x 280 spans two 256-row tiles in each direction; dim 37 is not a multiple of 4.
    const input = makeInput(300, 280, 37, 11);
    const k = 5;
    const table = await generateCandidates(input, { topK: k, csls, kernel });
    const left = Array.from({ length: 300 }, (_, r) => r);
    const right = Array.from({ length: 280 }, (_, r) => 300 + r);
    const brute = bruteForce(input, k, csls, left, right);
    const rows = Array.from({ length: table.count }, (_, r) => candidateRow(table, r));
    const byPair = new Map(rows.map((c) => [`${c.left}:${c.right}`, c]));
    expect(byPair.size).toBe(rows.length);
    for (let a = 0; a < left.length; a++) {
      brute.rowLists[a].forEach((b, rank) => {
        const c = byPair.get(`${100 + left[a]}:${100 + right[b]}`);
        expect(c, `left ${a} rank ${rank}`).toBeDefined();
        expect(c!.rankLeft).toBe(rank + 1);
        expect(c!.score).toBeCloseTo(brute.score(a, b), 4);
      });
    }
    for (let b = 0; b < right.length; b++) {
      brute.colLists[b].forEach((a, rank) => expect(byPair.get(`${100 + left[a]}:${100 + right[b]}`)?.rankRight).toBe(rank + 1));
    }
    // Every pair comes from at least one list; mutual means first choice both ways.
    expect(rows.length).toBeLessThanOrEqual((300 + 280) * k);
    for (const c of rows) {
      expect(c.rankLeft !== null || c.rankRight !== null).toBe(true);
      expect(c.mutual).toBe(c.rankLeft === 1 && c.rankRight === 1);
      expect(c.kind).toBe('text-text');
    }
    // Margin: rank 1 minus rank 2 in the left list.
    const a0 = brute.rowLists[0];
    expect(byPair.get(`100:${100 + right[a0[0]]}`)!.margin).toBeCloseTo(brute.score(0, a0[0]) - brute.score(0, a0[1]), 4);
  });

  it('ranks within each kind pair, so cross-modal matches are not crowded out', async () => {
    // Rows 0-19 graph 1 (10-19 images), rows 20-39 graph 2 (30-39 images).
    const input = makeInput(20, 20, 8, 3, (r) => r % 20 >= 10);
    const table = await generateCandidates(input, { topK: 3 });
    const rows = Array.from({ length: table.count }, (_, r) => candidateRow(table, r));
    const kinds = new Set(rows.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['image-image', 'text-image', 'text-text']);
    // A text entity on the left has 3 text and 3 image partners from its own lists.
    const fromLeft0 = rows.filter((c) => c.left === 100 && c.rankLeft !== null);
    expect(fromLeft0.filter((c) => c.kind === 'text-text')).toHaveLength(3);
    expect(fromLeft0.filter((c) => c.kind === 'text-image')).toHaveLength(3);
    for (const c of rows) {
      const lImage = c.left - 100 >= 10;
      const rImage = c.right - 120 >= 10;
      expect(c.kind).toBe(lImage && rImage ? 'image-image' : !lImage && !rImage ? 'text-text' : 'text-image');
    }
  });

  it('adds per-modality cosine evidence where both sides have the modality', async () => {
    const input = makeInput(4, 4, 6, 9);
    const rnd = random(2);
    // Name vectors for all but entity 101; image vectors only for 100 and 104.
    input.modalities.name = { ids: Int32Array.from([100, 102, 103, 104, 105, 106, 107]), dim: 3, data: new Float32Array(21).map(() => rnd()) };
    input.modalities.image = { ids: Int32Array.from([100, 104]), dim: 2, data: Float32Array.from([1, 0, 0.6, 0.8]) };
    const table = await generateCandidates(input, { topK: 4 });
    const rows = Array.from({ length: table.count }, (_, r) => candidateRow(table, r));
    const pair = rows.find((c) => c.left === 100 && c.right === 104)!;
    expect(pair.evidence.image).toBeCloseTo(0.6, 5);
    expect(pair.evidence.name).toBeTypeOf('number');
    expect(pair.evidence.structure).toBeUndefined();
    expect(rows.find((c) => c.left === 101)!.evidence.name).toBeUndefined();
  });

  it('reports progress and stops when cancelled', async () => {
    const input = makeInput(600, 600, 16, 4);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = generateCandidates(input, {
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        if (f > 0.3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.length).toBeGreaterThan(0);
    const done: number[] = [];
    await generateCandidates(makeInput(300, 300, 8, 1), { onProgress: (f) => done.push(f) });
    expect(done.at(-1)).toBe(1);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });
});

describe('nearestOf', () => {
  it('returns the same top-k as the candidate lists', async () => {
    const { nearestOf } = await import('../../../../src-main/align/entity-query');
    const input = makeInput(50, 60, 12, 21);
    const table = await generateCandidates(input, { topK: 4 });
    const rows = Array.from({ length: table.count }, (_, r) => candidateRow(table, r));
    const targets = Int32Array.from({ length: 60 }, (_, i) => 50 + i);
    for (const left of [0, 17, 49]) {
      const near = nearestOf(input.final, left, targets, 4);
      const fromTable = rows.filter((c) => c.left === 100 + left && c.rankLeft !== null).sort((a, b) => a.rankLeft! - b.rankLeft!);
      expect(near.ids).toEqual(fromTable.map((c) => c.right));
      near.scores.forEach((s, i) => expect(s).toBeCloseTo(fromTable[i].score, 5));
    }
  });
});
