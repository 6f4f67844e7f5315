import { describe, expect, it } from 'vitest';
import { modelConfigOf, requestDefaults, trainingDefaults } from '../../../../src-main/worker/training-options';

describe('training request defaults', () => {
  it('leave out what the chosen model sets, so the model is not overridden by echoed defaults', () => {
    expect(requestDefaults('mimea').fusion).toBeUndefined();
    expect(modelConfigOf({ ...requestDefaults('mimea'), model: 'mimea' }).fusion).toBe('beta');
    const mclea = modelConfigOf({ ...requestDefaults('mclea'), model: 'mclea' });
    expect([mclea.fusion, mclea.adaptiveWeights]).toEqual(['concat', false]);
    // The old merge (all defaults) would have turned MIMEA back into low-rank fusion.
    expect(modelConfigOf({ ...trainingDefaults(), model: 'mimea' }).fusion).toBe('low-rank');
  });

  it('keep the curator explicit options over the model bundle', () => {
    expect(modelConfigOf({ ...requestDefaults('mimea'), model: 'mimea', fusion: 'concat' }).fusion).toBe('concat');
  });

  it('are all the defaults when no model is named', () => {
    expect(requestDefaults()).toEqual(trainingDefaults());
  });
});
