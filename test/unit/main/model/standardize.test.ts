import { describe, expect, it } from 'vitest';
import { standardizeBySide } from '../../../../src-main/model/standardize';

describe('standardizeBySide', () => {
  // Four entities per graph, 2 dimensions; graph 2 is graph 1 scaled and shifted, one entity has no vector.
  const side = Int8Array.from([1, 1, 1, 1, 2, 2, 2, 2, 0, 2]);
  const emb = Float32Array.from([
    3, 4, 6, 8, 0, 5, 4, 3,
    1, 0, 0, 1, 1, 1, 2, 1,
    7, 7, 0, 0,
  ]);
  const out = standardizeBySide(emb, 2, side);
  const rows = (g: number): number[][] => [...side.keys()].filter((e) => side[e] === g && (emb[2 * e] !== 0 || emb[2 * e + 1] !== 0)).map((e) => [out[2 * e], out[2 * e + 1]]);

  it('centres each dimension over the unit rows of each graph and scales it to unit variance', () => {
    for (const g of [1, 2]) {
      const r = rows(g);
      for (const k of [0, 1]) {
        const mean = r.reduce((a, x) => a + x[k], 0) / r.length;
        const variance = r.reduce((a, x) => a + (x[k] - mean) ** 2, 0) / r.length;
        expect(mean).toBeCloseTo(0, 6);
        expect(variance).toBeCloseTo(1, 5);
      }
    }
  });

  it('works on unit rows: rows that differ only in length come out equal', () => {
    // Entities 0 (3, 4) and 1 (6, 8) point the same way.
    expect(out[0]).toBeCloseTo(out[2], 6);
    expect(out[1]).toBeCloseTo(out[3], 6);
  });

  it('leaves a zero row (no evidence) and an entity of neither graph at zero', () => {
    expect([out[18], out[19]]).toEqual([0, 0]);
    expect([out[16], out[17]]).toEqual([0, 0]);
  });

  it('keeps a dimension that is constant over a graph at 0 instead of dividing by 0', () => {
    const flat = standardizeBySide(Float32Array.from([1, 1, 1, 2, 1, 3, 0, 1]), 2, Int8Array.from([1, 1, 1, 2]));
    expect(flat.every(Number.isFinite)).toBe(true);
    expect(flat[6]).toBe(0);
  });

  it('refuses a matrix that does not match the entities', () => {
    expect(() => standardizeBySide(new Float32Array(5), 2, side)).toThrow(/5 values for 10 rows of 2/);
  });
});
