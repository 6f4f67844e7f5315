import { describe, expect, it } from 'vitest';
import { bandOf, calibrate, validateThresholds } from '../../../../src-main/align/thresholds';
import { prCurve, prf } from '../../../../src-main/align/quality';
import { describeConflict, greedyOneToOne, isOneToOne } from '../../../../src-main/align/conflicts';

const L = (score: number, correct: boolean) => ({ score, correct });

describe('bands and thresholds', () => {
  it('puts a score at the upper threshold in auto and one at the lower threshold in review', () => {
    const t = { kind: 'text-text' as const, lower: 0.4, upper: 0.8 };
    expect([0.8, 0.79, 0.4, 0.39].map((s) => bandOf(s, t))).toEqual(['auto', 'review', 'review', 'hidden']);
    expect(() => validateThresholds([{ kind: 'text-text', lower: 0.5, upper: 0.4 }])).toThrow(/above the upper/);
    expect(() => validateThresholds([{ kind: 'text-audio' as 'text-text', lower: 0, upper: 1 }])).toThrow(/unknown match kind/);
  });

  it('calibrates the upper threshold to the lowest score that keeps the asked precision', () => {
    // Best first: 0.9 ok, 0.8 ok, 0.7 wrong, 0.6 ok, 0.5 wrong, 0.4 ok.
    const labelled = [L(0.9, true), L(0.8, true), L(0.7, false), L(0.6, true), L(0.5, false), L(0.4, true)];
    const at75 = calibrate('text-text', labelled, 0.75, 4);
    // Precision at 0.6 is 3/4 = 0.75; at 0.4 it is 4/6.
    expect(at75).toMatchObject({ upper: 0.6, precision: 0.75, recall: 0.75, reached: true, pairs: 6 });
    expect(calibrate('text-text', labelled, 1, 4)).toMatchObject({ upper: 0.8, precision: 1, recall: 0.5 });
    // The lower threshold keeps 95% of the reachable true pairs above it: here all four, so 0.4.
    expect(at75.lower).toBe(0.4);
  });

  it('never cuts between tied scores and says when the precision cannot be reached', () => {
    const tied = [L(0.9, true), L(0.9, false), L(0.5, true)];
    // 0.9 alone would be 1/2; no cut splits the tie, so precision 1 is out of reach.
    const r = calibrate('text-text', tied, 1, 2);
    expect(r.reached).toBe(false);
    expect(r.upper).toBeGreaterThan(0.9);
    expect(() => calibrate('text-text', [L(0.9, false)], 0.9, 1)).toThrow(/nothing to calibrate/);
    expect(() => calibrate('text-text', tied, 0, 1)).toThrow(/precision must be/);
  });
});

describe('quality', () => {
  it('computes P/R/F1 over distinct pairs', () => {
    const r = prf([{ left: 1, right: 2 }, { left: 1, right: 2 }, { left: 3, right: 4 }], [{ left: 1, right: 2 }, { left: 5, right: 6 }]);
    expect(r).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, predicted: 2, correct: 1, gold: 2 });
  });

  it('draws a PR curve whose recall grows as the threshold falls', () => {
    const labelled = Array.from({ length: 100 }, (_, i) => L(1 - i / 100, i % 3 !== 2));
    const curve = prCurve(labelled, 80, 10);
    expect(curve).toHaveLength(10);
    expect(curve[0]).toMatchObject({ threshold: 0.91, precision: 7 / 10, recall: 7 / 80 });
    expect(curve.at(-1)!.recall).toBeCloseTo(67 / 80, 10);
  });
});

describe('1:1 conflicts', () => {
  it('holds text-text and image-image to 1:1 but not cross-modal links', () => {
    expect(isOneToOne('text-text')).toBe(true);
    expect(isOneToOne('text-image')).toBe(false);
    const candidates = [
      { left: 1, right: 10, score: 0.9 },
      { left: 1, right: 11, score: 0.8 },
      { left: 2, right: 10, score: 0.85 },
      { left: 2, right: 12, score: 0.7 },
      { left: 3, right: 13, score: 0.6 },
    ];
    expect(greedyOneToOne(candidates, 'text-text', { left: new Set(), right: new Set() })).toEqual([0, 3, 4]);
    expect(greedyOneToOne(candidates, 'text-text', { left: new Set([3]), right: new Set([10]) })).toEqual([1, 3]);
    expect(greedyOneToOne(candidates, 'text-image', { left: new Set([1]), right: new Set() })).toHaveLength(5);
  });

  it('describes a conflict in words, accepted partners before competitors', () => {
    expect(describeConflict({ kind: 'text-text', leftAcceptedWith: ['Paris'], rightAcceptedWith: [], stronger: { other: 'x = y', score: 0.9 } })).toBe('left entity already accepted with Paris');
    expect(describeConflict({ kind: 'text-text', leftAcceptedWith: [], rightAcceptedWith: [], stronger: { other: 'x = y', score: 0.91234 } })).toBe('competes with x = y (score 0.912)');
    expect(describeConflict({ kind: 'text-image', leftAcceptedWith: ['Paris'], rightAcceptedWith: [], stronger: null })).toBeNull();
  });
});
