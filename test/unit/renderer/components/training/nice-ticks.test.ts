import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../../../src-renderer/components/training/nice-ticks';

describe('nice ticks', () => {
  it('rounds a loss axis outward to whole steps of 1, 2, 2.5 or 5', () => {
    expect(niceTicks(0, 6.5912)).toEqual({ lo: 0, hi: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceTicks(0, 0.0731)).toEqual({ lo: 0, hi: 0.08, ticks: [0, 0.02, 0.04, 0.06, 0.08] });
    expect(niceTicks(3.1, 3.9)).toEqual({ lo: 3, hi: 4, ticks: [3, 3.2, 3.4, 3.6, 3.8, 4] });
  });

  it('keeps a range that already is whole steps, without float residue', () => {
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives a flat or empty series a unit range, and refuses a range that is not finite', () => {
    expect(niceTicks(2, 2)).toEqual({ lo: 2, hi: 3, ticks: [2, 2.25, 2.5, 2.75, 3] });
    expect(() => niceTicks(0, Infinity)).toThrow(/not finite/);
  });
});
