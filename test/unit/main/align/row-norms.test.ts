import { describe, expect, it } from 'vitest';
import { inverseRowNorms } from '../../../../src-main/align/row-norms';

describe('inverse row norms', () => {
  it('gives 1 / ||row|| per row, and 0 for a zero row instead of Infinity', () => {
    const m = Float32Array.from([3, 4, 0, 0, 1, 0]);
    expect(Array.from(inverseRowNorms(m, 2))).toEqual([0.2, 0, 1].map((v) => Math.fround(v)));
  });

  it('reads only the first `rows` rows', () => {
    expect(inverseRowNorms(Float32Array.from([0, 2, 9, 9]), 2, 1)).toEqual(Float32Array.from([0.5]));
  });
});
