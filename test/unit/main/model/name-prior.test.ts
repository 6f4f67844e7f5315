import { describe, expect, it } from 'vitest';
import { blendWithNames } from '../../../../src-main/model/name-prior';

const dot = (v: Float32Array, i: number, j: number, d: number): number => {
  let s = 0;
  for (let k = 0; k < d; k++) s += v[i * d + k] * v[j * d + k];
  return s;
};

describe('late name fusion', () => {
  // Three entities, 2-d model vectors, 3-d name features; entity 2 has no name.
  const final = Float32Array.of(3, 0, 0, 2, 1, 1);
  const name = { cols: 3, data: Float32Array.of(1, 1, 0, 2, 2, 0, 0, 0, 0), present: Uint8Array.of(1, 1, 0) };

  it('gives cosines that mix the model and name cosines by cos^2 and sin^2 of the weight', () => {
    const w = 0.3;
    const b = blendWithNames(final, 2, name, w);
    expect(b.dim).toBe(5);
    const a2 = Math.cos((w * Math.PI) / 2) ** 2;
    // Model cosine of 0 and 1 is 0, name cosine is 1.
    expect(dot(b.data, 0, 1, 5)).toBeCloseTo(a2 * 0 + (1 - a2) * 1, 5);
    // Entity 2 has no name: only the model part counts, and its norm is cos(a).
    expect(dot(b.data, 2, 2, 5)).toBeCloseTo(a2, 5);
    expect(dot(b.data, 0, 2, 5)).toBeCloseTo(a2 * Math.SQRT1_2, 5);
  });

  it('is the model alone at weight 0', () => {
    const b = blendWithNames(final, 2, name, 0);
    expect(dot(b.data, 0, 1, 5)).toBeCloseTo(0, 6);
    expect(dot(b.data, 1, 2, 5)).toBeCloseTo(Math.SQRT1_2, 5);
  });
});
