import { describe, expect, it } from 'vitest';
import { evaluatePairs } from '../../../../src-main/model/evaluate';
import { buildPropagationIndex, propagateLabels, type MatMul } from '../../../../src-main/model/label-propagation';
import { syntheticPair } from './synthetic';

/** A plain JS matrix product, so these tests need no TF.js backend. */
const matMul: MatMul = (a, m, k, b, n) => {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) for (let t = 0; t < k; t++) {
    const v = a[i * k + t];
    if (v !== 0) for (let j = 0; j < n; j++) out[i * n + j] += v * b[t * n + j];
  }
  return out;
};

const OPTS = { labelDim: 64, depth: 2, relationDim: 16, blockDim: 8, seed: 1 };

describe('label propagation index', () => {
  // 0 -r0-> 1 twice (a duplicate), 1 -r1-> 2; entity 3 is isolated.
  const graph = { numEntities: 4, numRelations: 2, heads: Int32Array.of(0, 0, 1), rels: Int32Array.of(0, 0, 1), tails: Int32Array.of(1, 1, 2) };
  const idx = buildPropagationIndex(graph);

  it('keeps each directed triple once, both directions, inverse relations as r + R', () => {
    expect(idx.r).toBe(4);
    expect(idx.trRel.length).toBe(4);
    const tuples = Array.from(idx.tupleHead, (h, u) => [h, idx.tupleTail[u], Array.from(idx.trRel.subarray(idx.trStart[u], idx.trStart[u + 1]))]);
    expect(tuples).toEqual([[0, 1, [0]], [1, 0, [2]], [1, 2, [1]], [2, 1, [3]]]);
  });

  it('weighs an entity\'s own label by its triple count and each neighbour by the triples between them', () => {
    const row = (e: number): [number, number][] => Array.from(idx.eeCol.subarray(idx.eeStart[e], idx.eeStart[e + 1]), (c, i) => [c, idx.eeVal[idx.eeStart[e] + i]]);
    expect(row(0)).toEqual([[0, 2], [1, 1]]);
    expect(row(1)).toEqual([[1, 4], [0, 1], [2, 1]]);
    expect(row(3)).toEqual([[3, 0]]);
  });
});

describe('label propagation', () => {
  it('ranks the counterparts of unseeded entities first on two isomorphic graphs, far above chance', () => {
    const data = syntheticPair({ entities: 60, edgesPerNode: 4 });
    const f = propagateLabels(buildPropagationIndex(data), data.pairs.train, OPTS, matMul);
    expect(f.dim).toBe(16 * 8);
    const m = evaluatePairs(f.data, f.dim, data.pairs.test);
    // 26 test pairs: chance is 1/26 (0.04); the measured value is 1.0 for this graph and seed.
    expect(m.hits1).toBeGreaterThan(0.8);
  });

  it('carries nothing but the seeds: without seeds every row is zero', () => {
    const data = syntheticPair({ entities: 60, edgesPerNode: 4 });
    const f = propagateLabels(buildPropagationIndex(data), new Int32Array(0), OPTS, matMul);
    expect(f.data.every((v) => v === 0)).toBe(true);
  });

  it('is deterministic for a seed, gives unit rows, and zero rows where no label reaches', () => {
    const data = syntheticPair({ entities: 30 });
    const graph = { ...data, numEntities: data.numEntities + 1 };
    const idx = buildPropagationIndex(graph);
    const a = propagateLabels(idx, data.pairs.train, OPTS, matMul);
    const b = propagateLabels(idx, data.pairs.train, OPTS, matMul);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const norm = (e: number): number => Math.hypot(...a.data.subarray(e * a.dim, (e + 1) * a.dim));
    expect(norm(0)).toBeCloseTo(1, 5);
    expect(norm(data.numEntities)).toBe(0);
  });
});
