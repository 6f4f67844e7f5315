import { AppError } from '../shared/errors';
import type { EmbeddingMatrix } from './candidate-table';

/**
 * How much the image content counts against the fused vector in a text-image score (1 = equal). With weight w, a
 * pair where both sides have image content scores (w² cos_image + cos_final) / (1 + w²); a pair where one side has
 * none scores cos_final / sqrt(1 + w²), so missing image evidence lowers a pair's score instead of passing as
 * agreement. Text-image thresholds are calibrated on their own scale, so the constant factor does no harm.
 */
export const CROSS_MODAL_IMAGE_WEIGHT = 1;

/**
 * CrossEA inference for text-image candidates: the matrix they are scored with, in the row order of `final`.
 * Row r = [w · unit(image_r), unit(final_r)] (dim = image.dim + final.dim), where image_r is the entity's
 * image-modality vector, or zeros when the entity has no image content (no row, or a zero row, in `image`).
 * A country with an attached flag then meets a flag node of the other graph on what both actually show,
 * while the fused vector still brings the structure (the node's depicted entity). The tile scorer scales each
 * row to unit length, which gives the scores described at CROSS_MODAL_IMAGE_WEIGHT.
 * Returns null when there is no image modality, so callers fall back to the fused vectors.
 */
export function crossModalMatrix(final: EmbeddingMatrix, image: EmbeddingMatrix | undefined, weight = CROSS_MODAL_IMAGE_WEIGHT): EmbeddingMatrix | null {
  if (!image || image.ids.length === 0) return null;
  if (!(weight >= 0) || !Number.isFinite(weight)) throw new AppError('BAD_INPUT', `the cross-modal image weight must be a finite number >= 0, got ${weight}`);
  const rows = final.ids.length;
  const dim = image.dim + final.dim;
  const rowOfImage = new Map<number, number>();
  for (let r = 0; r < image.ids.length; r++) rowOfImage.set(image.ids[r], r);
  // [rows x (image.dim + final.dim)]
  const data = new Float32Array(rows * dim);
  let withImage = 0;
  for (let r = 0; r < rows; r++) {
    const out = r * dim;
    const i = rowOfImage.get(final.ids[r]);
    if (i !== undefined && copyScaled(image.data, i * image.dim, image.dim, data, out, weight)) withImage++;
    copyScaled(final.data, r * final.dim, final.dim, data, out + image.dim, 1);
  }
  return withImage > 0 ? { ids: final.ids, dim, data } : null;
}

/** Copies one row scaled to length `length`; false (nothing written) for a zero row. */
function copyScaled(src: Float32Array, from: number, dim: number, dst: Float32Array, to: number, length: number): boolean {
  let sum = 0;
  for (let k = 0; k < dim; k++) sum += src[from + k] * src[from + k];
  if (!(sum > 0)) return false;
  const scale = length / Math.sqrt(sum);
  for (let k = 0; k < dim; k++) dst[to + k] = src[from + k] * scale;
  return true;
}
