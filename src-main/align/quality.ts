import type { LabelledScore } from './thresholds';

/** Precision, recall and F1 of a predicted link set against gold. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  correct: number;
  gold: number;
}

const key = (left: number, right: number) => `${left}:${right}`;

/** P/R/F1 of `predicted` pairs against `gold` pairs (both as left/right entity ids; duplicates count once). */
export function prf(predicted: Iterable<{ left: number; right: number }>, gold: Iterable<{ left: number; right: number }>): Prf {
  const goldSet = new Set<string>();
  for (const g of gold) goldSet.add(key(g.left, g.right));
  const predictedSet = new Set<string>();
  for (const p of predicted) predictedSet.add(key(p.left, p.right));
  let correct = 0;
  for (const p of predictedSet) if (goldSet.has(p)) correct++;
  return fromCounts(correct, predictedSet.size, goldSet.size);
}

/** P/R/F1 from counts (0 where undefined). */
export function fromCounts(correct: number, predicted: number, gold: number): Prf {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, predicted, correct, gold };
}

/**
 * The precision/recall curve over the threshold: at each of up to `points` thresholds (score quantiles, highest
 * first), precision and recall of everything scoring at or above it. `goldTotal` is recall's denominator.
 */
export function prCurve(labelled: readonly LabelledScore[], goldTotal: number, points = 50): { threshold: number; precision: number; recall: number }[] {
  const sorted = [...labelled].sort((a, b) => b.score - a.score);
  if (sorted.length === 0) return [];
  const cuts: number[] = [];
  for (let p = 1; p <= points; p++) cuts.push(Math.max(0, Math.ceil((p / points) * sorted.length) - 1));
  const curve: { threshold: number; precision: number; recall: number }[] = [];
  let correct = 0;
  let next = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) correct++;
    // A threshold keeps every tie of its score, so points sit at the last of equal scores.
    if (i + 1 < sorted.length && sorted[i + 1].score === sorted[i].score) continue;
    if (next >= cuts.length || cuts[next] > i) continue;
    while (next < cuts.length && cuts[next] <= i) next++;
    curve.push({ threshold: sorted[i].score, precision: correct / (i + 1), recall: goldTotal ? correct / goldTotal : 0 });
  }
  return curve;
}
