import { AppError } from '../shared/errors';
import type { Thresholds } from '../shared/dto';
import { MATCH_KINDS, type MatchKind } from '../shared/model';

/** Which band a score falls in: at or above `upper` auto-accepted, below `lower` hidden, else review. */
export type Band = 'auto' | 'review' | 'hidden';

/** Defaults for a project that has neither stored nor calibrated thresholds (cosine scale). */
export const DEFAULT_THRESHOLDS: Readonly<Record<MatchKind, Thresholds>> = {
  'text-text': { kind: 'text-text', lower: 0.5, upper: 0.9 },
  'image-image': { kind: 'image-image', lower: 0.5, upper: 0.9 },
  'text-image': { kind: 'text-image', lower: 0.3, upper: 0.8 },
};

/** The band of a score under one kind's thresholds. */
export function bandOf(score: number, t: Thresholds): Band {
  if (score >= t.upper) return 'auto';
  if (score < t.lower) return 'hidden';
  return 'review';
}

/** Checks thresholds a curator (or a caller) gives: a known kind, finite numbers, lower <= upper. */
export function validateThresholds(list: readonly Thresholds[]): Thresholds[] {
  return list.map((t) => {
    if (!MATCH_KINDS.includes(t.kind)) throw new AppError('BAD_INPUT', `unknown match kind '${String(t.kind)}'`);
    if (!Number.isFinite(t.lower) || !Number.isFinite(t.upper)) throw new AppError('BAD_INPUT', `thresholds of ${t.kind} must be finite numbers`);
    if (t.lower > t.upper) throw new AppError('BAD_INPUT', `${t.kind}: the lower threshold (${t.lower}) is above the upper one (${t.upper})`);
    return { kind: t.kind, lower: t.lower, upper: t.upper };
  });
}

/** One scored candidate with its gold label, for calibration and curves. */
export interface LabelledScore {
  score: number;
  correct: boolean;
}

/** What calibration found, beyond the thresholds themselves. */
export interface Calibration extends Thresholds {
  /** Precision and recall (among the labelled candidates' gold) at the upper threshold. */
  precision: number;
  recall: number;
  /** False when no threshold reaches the asked precision: upper is then above every score (nothing auto). */
  reached: boolean;
  pairs: number;
}

/**
 * Picks thresholds from labelled candidates (those touching a validation gold entity, labelled by gold):
 * upper = the lowest score at which precision over everything at or above it is still >= `precision`;
 * lower = the score above which 95% of the reachable gold pairs lie, so the hidden band holds at most 5% of
 * true matches. `goldTotal` is the number of gold pairs (recall's denominator, including pairs no candidate has).
 */
export function calibrate(kind: MatchKind, labelled: readonly LabelledScore[], precision: number, goldTotal: number): Calibration {
  if (!(precision > 0 && precision <= 1)) throw new AppError('BAD_INPUT', `precision must be in (0, 1], got ${precision}`);
  const sorted = [...labelled].sort((a, b) => b.score - a.score);
  const correctTotal = sorted.reduce((n, s) => n + (s.correct ? 1 : 0), 0);
  if (sorted.length === 0 || correctTotal === 0) {
    throw new AppError('NOT_FOUND', `no ${kind} candidate matches a validation gold pair, so there is nothing to calibrate on`, {
      hint: 'Generate candidates after training, and make sure the project has gold links of this kind.',
    });
  }
  let best = -1;
  let correct = 0;
  let lowerIndex = sorted.length - 1;
  let reachedLower = false;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) correct++;
    // Only cut between distinct scores: a threshold cannot split tied scores.
    if (i + 1 < sorted.length && sorted[i + 1].score === sorted[i].score) continue;
    if (correct / (i + 1) >= precision) best = i;
    if (!reachedLower && correct >= 0.95 * correctTotal) {
      lowerIndex = i;
      reachedLower = true;
    }
  }
  const upper = best >= 0 ? sorted[best].score : sorted[0].score + 1e-6;
  const atUpper = best >= 0 ? sorted.slice(0, best + 1) : [];
  const hits = atUpper.filter((s) => s.correct).length;
  const lower = Math.min(sorted[lowerIndex].score, upper);
  return {
    kind,
    lower,
    upper,
    precision: atUpper.length ? hits / atUpper.length : 0,
    recall: goldTotal ? hits / goldTotal : 0,
    reached: best >= 0,
    pairs: sorted.length,
  };
}
