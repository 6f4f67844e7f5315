import { describe, expect, it } from 'vitest';
import type { EntityDetail } from '@shared/dto';
import { alignAttributes, alignedNeighbours } from '../../../../../src-renderer/components/review/pair-evidence';

const entity = (id: number, side: 1 | 2, extra: Partial<EntityDetail>): EntityDetail => ({
  id, side, iri: `http://kg${side}.test/e${id}`, label: `E${id}`, kind: 'text', attributes: [], relations: [], images: [], hasImageFeature: false, gold: [], ...extra,
});
const rel = (otherId: number, relation: string, otherAlignedTo?: number | null): EntityDetail['relations'][number] =>
  ({ direction: 'out', relation, otherId, otherLabel: `N${otherId}`, otherIri: `x:${otherId}`, otherKind: 'text', otherAlignedTo });

describe('alignAttributes', () => {
  it('puts attributes with the same local name on one row, shared names first', () => {
    const left = entity(1, 1, { attributes: [{ name: 'http://a/population', value: '10', datatype: null }, { name: 'http://a/motto', value: 'x', datatype: null }] });
    const right = entity(2, 2, { attributes: [{ name: 'http://b/Population', value: '11', datatype: null }, { name: 'http://b/area', value: '5', datatype: null }] });
    const rows = alignAttributes(left, right);
    expect(rows[0]).toEqual({ name: 'population', left: ['10'], right: ['11'] });
    expect(rows.slice(1).map((r) => r.name)).toEqual(['area', 'motto']);
  });
});

describe('alignedNeighbours', () => {
  it('pairs neighbours whose aligned partner is a neighbour on the other side', () => {
    const left = entity(1, 1, { relations: [rel(10, 'http://a/capital', 20), rel(11, 'http://a/lang', 99), rel(12, 'http://a/x', null)] });
    const right = entity(2, 2, { relations: [rel(20, 'http://b/capitale'), rel(21, 'http://b/langue')] });
    expect(alignedNeighbours(left, right)).toEqual([
      { left: { id: 10, label: 'N10', relation: 'capital' }, right: { id: 20, label: 'N20', relation: 'capitale' } },
    ]);
  });

  it('says "not reported" (null) when the back end gives no partners, and none for lone entities', () => {
    expect(alignedNeighbours(entity(1, 1, { relations: [rel(10, 'r')] }), entity(2, 2, {}))).toBeNull();
    expect(alignedNeighbours(entity(1, 1, {}), entity(2, 2, {}))).toEqual([]);
  });
});
