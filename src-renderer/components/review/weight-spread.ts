import type { CandidateDto } from '@shared/dto';
import { MODALITIES, type Modality } from '@shared/model';

/** One side's weight spread as the evidence panel draws it. */
export interface SideSpread {
  side: 1 | 2;
  std: number;
  /** std over the largest a Beta weight can have (0.5): the whisker's half-width as a share of the track. */
  fraction: number;
  text: string;
}

/** Per modality with a stored spread: the sides that have one and a tooltip; `any` when some modality does. */
export type PairSpread = Partial<Record<Modality, { sides: SideSpread[]; title: string }>> & { any: boolean };

/** The largest standard deviation of a variable on [0, 1] (a Beta weight). */
const MAX_STD = 0.5;

/** The candidate's weightStd, ready to draw; empty (any = false) for a model without Beta fusion. */
export function spreadOf(candidate: Pick<CandidateDto, 'weightStd'>): PairSpread {
  const out: PairSpread = { any: false };
  for (const m of MODALITIES) {
    const w = candidate.weightStd?.[m];
    if (!w) continue;
    const sides: SideSpread[] = [];
    for (const [side, std] of [[1, w.left], [2, w.right]] as const) {
      if (std === undefined) continue;
      sides.push({ side, std, fraction: Math.min(1, std / MAX_STD), text: `±${std.toFixed(2)}` });
    }
    if (!sides.length) continue;
    const said = sides.map((s) => `graph ${s.side} ±${s.std.toFixed(3)}`).join(', ');
    out[m] = { sides, title: `Uncertainty of the ${m} weight (standard deviation of its Beta distribution): ${said}. Small: the model is sure how much ${m} counts for that entity.` };
    out.any = true;
  }
  return out;
}
