import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../../src-main/model/config';
import { idfView } from '../../../../../src-main/model/late-fusion';
import { LateViews } from '../../../../../src-main/model/trainer/late-views';
import { syntheticPair } from '../synthetic';

describe('LateViews', () => {
  const data = syntheticPair({ attributes: true });
  const learned = { dim: 1, data: new Float32Array(data.numEntities).fill(1) };
  const attributeView = (standardize: boolean) => {
    const config = resolveConfig({}, { structurePrior: false, namePrior: false, standardize });
    return new LateViews(data, config, data.pairs.train, true).views(learned)[1];
  };

  it('standardises the attribute bag per graph with standardize on, and keeps the idf bag with it off', () => {
    const raw = idfView(data.features.attribute!);
    expect(Array.from(attributeView(false).data)).toEqual(Array.from(raw.data));
    const on = attributeView(true);
    expect(on.dim).toBe(raw.dim);
    for (const g of [1, 2]) {
      // Rows with attributes (zero rows stay zero and are not counted) average 0 in every column.
      const rows = [...data.side.keys()].filter((e) => data.side[e] === g && raw.data.subarray(e * raw.dim, (e + 1) * raw.dim).some((v) => v !== 0));
      for (let k = 0; k < raw.dim; k++) expect(Math.abs(rows.reduce((a, e) => a + on.data[e * on.dim + k], 0) / rows.length)).toBeLessThan(1e-5);
    }
  });
});
