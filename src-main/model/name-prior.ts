import type { DenseFeature } from './training-data';

/**
 * Late fusion of the trained vector with the entities' name features: [cos(a) unit(final) | sin(a) unit(name)],
 * so the cosine of two entities is cos^2(a) s_model + sin^2(a) s_name. The angle is chosen on the validation
 * pairs, never on test pairs.
 *
 * Why: names are the strongest single signal a curator's graphs have (translated DBP15K names alone rank the
 * partner first for about 70% of test entities), but learned through an encoder they overfit the few thousand
 * seeds (BENCHMARKS.md: validation peaked at epoch 5). Kept beside the trained vector they cannot be forgotten,
 * and an entity without a name (present = 0) gets a zero name part, so it is ranked by the model alone.
 */
export function blendWithNames(final: Float32Array, dim: number, name: DenseFeature, weight: number): { data: Float32Array; dim: number } {
  const n = final.length / dim;
  const cols = name.cols;
  const out = new Float32Array(n * (dim + cols));
  const a = Math.cos((weight * Math.PI) / 2);
  const b = Math.sin((weight * Math.PI) / 2);
  for (let i = 0; i < n; i++) {
    const o = i * (dim + cols);
    writeUnit(final, i * dim, dim, out, o, a);
    if (name.present[i]) writeUnit(name.data, i * cols, cols, out, o + dim, b);
  }
  return { data: out, dim: dim + cols };
}

/** Candidate name weights tried on the validation pairs (0 = model only, 1 = names only). */
export const NAME_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] as const;

function writeUnit(src: Float32Array, from: number, len: number, dst: Float32Array, to: number, scale: number): void {
  let s = 0;
  for (let k = 0; k < len; k++) s += src[from + k] * src[from + k];
  const f = s > 0 ? scale / Math.sqrt(s) : 0;
  for (let k = 0; k < len; k++) dst[to + k] = src[from + k] * f;
}
