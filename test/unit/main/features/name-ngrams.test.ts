import { describe, expect, it } from 'vitest';
import { NAME_NGRAM_DIM, fnv1a, nameNgrams, nameVector, normaliseLabel } from '../../../../src-main/features/name-ngrams';

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  let dot = 0;
  for (const [k, v] of a) dot += v * (b.get(k) ?? 0);
  return dot;
}

describe('name n-grams', () => {
  it('normalises case, punctuation and Unicode forms', () => {
    expect(normaliseLabel('  Ｐaris_(France)  ')).toBe('paris france');
  });

  it('is L2-normalised and counts each 2- and 3-gram with boundary spaces', () => {
    const v = nameVector('ab')!;
    // " ab " has 2-grams " a", "ab", "b " and 3-grams " ab", "ab ": five n-grams.
    const total = [...v.values()].reduce((s, x) => s + x * x, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(v.size).toBeLessThanOrEqual(5);
    expect(v.size).toBeGreaterThanOrEqual(4);
  });

  it('puts similar labels closer than different ones', () => {
    const paris = nameVector('Paris')!;
    expect(cosine(paris, nameVector('paris')!)).toBeCloseTo(1, 6);
    expect(cosine(paris, nameVector('Parisien')!)).toBeGreaterThan(cosine(paris, nameVector('Berlin')!) + 0.3);
  });

  it('handles CJK labels by code point', () => {
    const a = nameVector('北京市')!;
    expect(cosine(a, nameVector('北京')!)).toBeGreaterThan(0.4);
  });

  it('has a stable hash (the stored matrices must not change between runs)', () => {
    expect(fnv1a('2:ab')).toBe(fnv1a('2:ab'));
    expect(fnv1a('')).toBe(0x811c9dc5);
  });

  it('gives empty rows to entities without a usable label', () => {
    const m = nameNgrams(['Berlin', null, '  ', 'Rome']);
    expect(m.cols).toBe(NAME_NGRAM_DIM);
    expect(m.indptr[2] - m.indptr[1]).toBe(0);
    expect(m.indptr[3] - m.indptr[2]).toBe(0);
    expect(m.indptr[4] - m.indptr[3]).toBeGreaterThan(0);
  });
});
