import { describe, expect, it } from 'vitest';
import { relationBag, topKColumns } from '../../../../src-main/features/relation-bag';
import { attributeBag } from '../../../../src-main/features/attribute-bag';
import { csrRow, denseFeatureOf } from '../../../../src-main/features/csr';

describe('relation bag', () => {
  // Triples over 4 entities; relation 2 is the most frequent (3), then 0 (2), then 1 (1).
  const heads = Int32Array.from([0, 1, 2, 0, 3, 3]);
  const rels = Int32Array.from([2, 2, 2, 0, 0, 1]);
  const tails = Int32Array.from([1, 2, 0, 3, 0, 2]);

  it('counts head and tail roles in the same column, whatever the direction', () => {
    const bag = relationBag(4, heads, rels, tails, 3);
    const col = topKColumns(rels, 3, 1000);
    expect(col.get(2)).toBe(0);
    expect(col.get(0)).toBe(1);
    expect(col.get(1)).toBe(2);
    // Entity 0: head of (0,2,1), tail of (2,2,0): two on relation 2; head of (0,0,3), tail of (3,0,0): two on relation 0.
    expect(Object.fromEntries(csrRow(bag, 0))).toEqual({ 0: 2, 1: 2 });
    expect(Object.fromEntries(csrRow(bag, 3))).toEqual({ 1: 2, 2: 1 });
  });

  it('keeps only the top-K relations, ties broken by the smaller id', () => {
    const bag = relationBag(4, heads, rels, tails, 3, 1);
    expect(bag.cols).toBe(1);
    expect(Object.fromEntries(csrRow(bag, 3))).toEqual({});
    expect(topKColumns(Int32Array.from([5, 4, 5, 4]), 6, 1).get(4)).toBe(0);
  });

  it('counts repeated triples again', () => {
    const bag = relationBag(2, Int32Array.from([0, 0]), Int32Array.from([0, 0]), Int32Array.from([1, 1]), 1);
    expect(csrRow(bag, 1).get(0)).toBe(2);
  });

  it('marks entities without relations as missing in the dense form', () => {
    const dense = denseFeatureOf(relationBag(5, heads, rels, tails, 3));
    expect(Array.from(dense.present)).toEqual([1, 1, 1, 1, 0]);
    expect(dense.data.length).toBe(5 * 3);
  });
});

describe('attribute bag', () => {
  it('is binary over the top-K attribute names of both graphs together', () => {
    // Attribute 1 appears 3 times, 0 twice, 2 once; entity 0 has attribute 1 twice.
    const entities = Int32Array.from([0, 0, 1, 2, 1, 2]);
    const attrs = Int32Array.from([1, 1, 1, 0, 0, 2]);
    const bag = attributeBag(4, entities, attrs, 3, 2);
    expect(bag.cols).toBe(2);
    expect(Object.fromEntries(csrRow(bag, 0))).toEqual({ 0: 1 });
    expect(Object.fromEntries(csrRow(bag, 1))).toEqual({ 0: 1, 1: 1 });
    expect(Object.fromEntries(csrRow(bag, 2))).toEqual({ 1: 1 });
    expect(Array.from(denseFeatureOf(bag).present)).toEqual([1, 1, 1, 0]);
  });
});
