import { describe, expect, it } from 'vitest';
import { pairWeightStd } from '../../../../src-main/review/weight-std';

describe('pairWeightStd', () => {
  it('joins both sides per modality and is null when neither side has a spread', () => {
    expect(pairWeightStd(undefined, undefined)).toBeNull();
    expect(pairWeightStd({}, {})).toBeNull();
    expect(pairWeightStd({ image: 0.07, name: 0.01 }, { image: 0.05, relation: 0.2 })).toEqual({
      image: { left: 0.07, right: 0.05 }, name: { left: 0.01 }, relation: { right: 0.2 },
    });
    expect(pairWeightStd(undefined, { structure: 0 })).toEqual({ structure: { right: 0 } });
  });
});
