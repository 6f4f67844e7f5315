import type { CsrMatrix } from '../project/repositories/feature-matrices';
import { csrFromRows } from './csr';

/**
 * Dimension of the hashed name features: 2^10 buckets. Labels are short, so a label has some 10-40 distinct
 * 2- and 3-grams; with 1024 buckets two unrelated labels share a bucket by collision only rarely, and the matrix
 * stays small enough to keep dense for training (4 KB per entity).
 */
export const NAME_NGRAM_DIM = 1024;

/** The character n-gram sizes used (MODEL.md: n = 2, 3). */
export const NAME_NGRAM_SIZES: readonly number[] = [2, 3];

/** Normalises a label for n-grams: Unicode NFKC, lower case, punctuation and underscores as spaces, spaces collapsed. */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}_]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 32-bit FNV-1a over the UTF-16 code units of a string: stable across runs and platforms. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The hashed n-gram vector of one label: counts of its character 2- and 3-grams (with a space marking each end, so
 * "paris" yields " p", "pa", ..., "s "), n-gram i in bucket fnv1a(i) mod dim, then L2-normalised. Iterates by code
 * point so CJK and other non-Latin labels get real characters, not surrogate halves. Null for an empty label.
 */
export function nameVector(label: string, dim = NAME_NGRAM_DIM): Map<number, number> | null {
  const text = normaliseLabel(label);
  if (!text) return null;
  const chars = [...` ${text} `];
  const row = new Map<number, number>();
  for (const n of NAME_NGRAM_SIZES) {
    for (let i = 0; i + n <= chars.length; i++) {
      const bucket = fnv1a(`${n}:${chars.slice(i, i + n).join('')}`) % dim;
      row.set(bucket, (row.get(bucket) ?? 0) + 1);
    }
  }
  let norm = 0;
  for (const v of row.values()) norm += v * v;
  norm = Math.sqrt(norm);
  for (const [k, v] of row) row.set(k, v / norm);
  return row;
}

/** Name features for every entity: Shape [labels.length x dim], CSR; entities without a label get an empty row. */
export function nameNgrams(labels: readonly (string | null)[], dim = NAME_NGRAM_DIM): CsrMatrix {
  return csrFromRows(labels.map((l) => (l ? nameVector(l, dim) : null)), dim);
}
