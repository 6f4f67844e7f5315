import { MODALITIES, type Modality } from '../shared/model';
import type { CandidateTable, EmbeddingMatrix } from './candidate-table';
import { inverseRowNorms } from './row-norms';

/**
 * Fills table.evidence with the cosine of each pair's per-modality vectors (the bars a curator sees per
 * modality). Pairs where either entity lacks the modality, or has a zero vector there, keep NaN.
 */
export function addEvidence(table: CandidateTable, modalities: Partial<Record<Modality, EmbeddingMatrix>>): void {
  const width = MODALITIES.length;
  MODALITIES.forEach((name, q) => {
    const matrix = modalities[name];
    if (!matrix) return;
    const { dim, data } = matrix;
    const rowOf = new Map<number, number>();
    for (let r = 0; r < matrix.ids.length; r++) rowOf.set(matrix.ids[r], r);
    const inverseNorm = inverseRowNorms(data, dim, matrix.ids.length);
    for (let c = 0; c < table.count; c++) {
      const a = rowOf.get(table.left[c]);
      const b = rowOf.get(table.right[c]);
      if (a === undefined || b === undefined || inverseNorm[a] === 0 || inverseNorm[b] === 0) continue;
      let dot = 0;
      const oa = a * dim;
      const ob = b * dim;
      for (let k = 0; k < dim; k++) dot += data[oa + k] * data[ob + k];
      table.evidence[c * width + q] = dot * inverseNorm[a] * inverseNorm[b];
    }
  });
}
