import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig, type ModelConfig } from '../../../../src-main/model/config';
import { buildEdges } from '../../../../src-main/model/graph';
import { cosineSchedule } from '../../../../src-main/model/optimizer';
import { Rng } from '../../../../src-main/model/rng';
import { carveValidation, makeBatches, sampleNegatives } from '../../../../src-main/model/trainer/batches';
import { syntheticPair } from './synthetic';

describe('graph, config, batches', () => {
  it('every triple becomes two edges; the inverse has its own relation id', () => {
    const data = syntheticPair({ entities: 5, edgesPerNode: 1, relations: 2 });
    const e = buildEdges(data);
    expect(e.src.length).toBe(2 * data.heads.length);
    expect(e.numRelations).toBe(2 * data.numRelations);
    const edges = Array.from(e.src, (s, i) => `${s}>${e.dst[i]}:${e.rel[i]}`);
    const want: string[] = [];
    data.heads.forEach((h, i) => {
      want.push(`${h}>${data.tails[i]}:${data.rels[i]}`, `${data.tails[i]}>${h}:${data.rels[i] + data.numRelations}`);
    });
    expect([...edges].sort()).toEqual([...want].sort());
    expect(e.inDegree.reduce((a, b) => a + b, 0)).toBe(e.src.length);
    // Ordered by receiving node, so the kernels' writes walk memory forward.
    for (let i = 1; i < e.dst.length; i++) expect(e.dst[i]).toBeGreaterThanOrEqual(e.dst[i - 1]);
  });

  it('maps the curator options over the defaults and refuses out-of-range values', () => {
    const c = resolveConfig({ epochs: 7, useNames: false, useImages: false, fusion: 'concat' });
    expect(c.epochs).toBe(7);
    expect(c.fusion).toBe('concat');
    expect(c.modalities).toEqual(['relation', 'attribute']);
    expect(c.temperature).toBe(DEFAULT_CONFIG.temperature);
    expect(() => resolveConfig({ epochs: 0 })).toThrow(/epochs/);
    expect(() => resolveConfig({}, { dropout: 1 })).toThrow(/dropout/);
    expect(() => resolveConfig({}, { iterativeMatch: 'hungarian' as ModelConfig['iterativeMatch'] })).toThrow(/iterativeMatch/);
    expect(DEFAULT_CONFIG.modalities).toHaveLength(4);
  });

  it('splits pairs into near-equal shuffled batches covering every pair once', () => {
    const pairs = Int32Array.from({ length: 20 }, (_, i) => i);
    const batches = makeBatches(pairs, 4, new Rng(1));
    expect(batches.map((b) => b.left.length)).toEqual([4, 4, 2]);
    const lefts = batches.flatMap((b) => Array.from(b.left)).sort((a, b) => a - b);
    expect(lefts).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    for (const b of batches) b.left.forEach((l, i) => expect(b.right[i]).toBe(l + 1));
  });

  it('samples distinct negatives outside the batch and carves a seeded validation split', () => {
    const neg = sampleNegatives(Int32Array.from([1, 2, 3, 4, 5]), 3, new Set([2, 3]), new Rng(2));
    expect(new Set(neg).size).toBe(3);
    expect([...neg].sort()).toEqual([1, 4, 5]);
    const train = Int32Array.from({ length: 40 }, (_, i) => i);
    const a = carveValidation(train, new Int32Array(0), 0.1, new Rng(3));
    expect(a.valid.length).toBe(4);
    expect(a.train.length).toBe(36);
    expect(carveValidation(train, Int32Array.of(1, 2), 0.1, new Rng(3)).valid).toEqual(Int32Array.of(1, 2));
  });

  it('warms up linearly, then decays along a cosine to 5%', () => {
    expect(cosineSchedule(0, 100, 10, 1)).toBeCloseTo(0.1, 10);
    expect(cosineSchedule(10, 100, 10, 1)).toBeCloseTo(1, 10);
    expect(cosineSchedule(100, 100, 10, 1)).toBeCloseTo(0.05, 10);
  });
});
