/**
 * 1 / ||row|| for each row of a row-major [rows x dim] matrix, 0 for a zero row: a row without a direction scores
 * nothing instead of NaN. Cosine code multiplies dot products by these instead of copying normalised rows.
 */
export function inverseRowNorms(data: Float32Array, dim: number, rows = data.length / dim): Float32Array {
  const inv = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let d = r * dim, end = d + dim; d < end; d++) sum += data[d] * data[d];
    inv[r] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  }
  return inv;
}
