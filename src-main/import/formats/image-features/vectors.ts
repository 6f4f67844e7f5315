import type { ImportContext } from '../../import-format';

/** Resolves an entity of the project, which feature imports require (features attach to existing entities). */
export type EntityLookup = NonNullable<ImportContext['lookupEntity']>;

/** Why a vector cannot be used, or null when it is fine. */
export function vectorProblem(vector: Float32Array | Float64Array): string | null {
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i];
    if (Number.isNaN(x)) return `NaN at position ${i + 1}`;
    if (!Number.isFinite(x)) return `infinite value at position ${i + 1}`;
  }
  return null;
}

/**
 * A unit-length float32 copy of `vector` (cosine similarity then is a dot product). An all-zero vector stays zero:
 * some published feature files use it for "no image", and there is no direction to keep.
 */
export function l2Normalized(vector: Float32Array | Float64Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  const out = new Float32Array(vector.length);
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < vector.length; i++) out[i] = vector[i] * scale;
  return out;
}
