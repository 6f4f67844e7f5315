import type { CandidateDto } from '../shared/dto';
import type { Modality } from '../shared/model';
import type { EmbeddingsRepository } from '../project/repositories/embeddings';

/** Per modality, each side's weight spread: what CandidateDto.weightStd carries. */
export type PairWeightStd = NonNullable<CandidateDto['weightStd']>;

/**
 * The pair's per-modality weight spread from each side's stored values; null when neither side has any (a run of
 * a model without Beta fusion), so the DTO then simply has no field.
 */
export function pairWeightStd(left: Partial<Record<Modality, number>> | undefined, right: Partial<Record<Modality, number>> | undefined): PairWeightStd | null {
  if (!left && !right) return null;
  const out: PairWeightStd = {};
  for (const [m, std] of Object.entries(left ?? {}) as [Modality, number][]) out[m] = { ...out[m], left: std };
  for (const [m, std] of Object.entries(right ?? {}) as [Modality, number][]) out[m] = { ...out[m], right: std };
  return Object.keys(out).length ? out : null;
}

/**
 * A queue page with each candidate's weight spread filled in from `run` (the run the candidates were generated
 * from, so the spread belongs to the same model as the scores): one indexed read for the page's entities.
 */
export function withWeightStd(embeddings: EmbeddingsRepository, run: number | null, items: CandidateDto[]): CandidateDto[] {
  if (run === null || items.length === 0) return items;
  const spread = embeddings.uncertaintyOf(run, [...new Set(items.flatMap((c) => [c.left.id, c.right.id]))]);
  if (spread.size === 0) return items;
  return items.map((c) => {
    const w = pairWeightStd(spread.get(c.left.id), spread.get(c.right.id));
    return w ? { ...c, weightStd: w } : c;
  });
}
