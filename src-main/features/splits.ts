import type { GoldSplit } from '../shared/model';
import { Rng } from '../model/rng';

/** Benchmark protocol default (MODEL.md): 30% of the gold pairs train when the gold comes without a split. */
export const DEFAULT_TRAIN_RATIO = 0.3;
/** Share of the training pairs held out for validation (model selection) when the gold has no valid split. */
export const DEFAULT_VALID_RATIO = 0.1;

/** Pairs of entity rows, as [left, right] with left in KG1. */
export type RowPair = [number, number];

/** Seed pairs by split, as entity-row pairs. */
export interface PairSplits {
  train: RowPair[];
  valid: RowPair[];
  test: RowPair[];
}

/**
 * Splits gold pairs: given train/valid/test labels are kept; 'unsplit' pairs are shuffled with the seed and cut
 * into train (trainRatio) and test (the rest); when no pair is labelled valid, validRatio of the training pairs
 * (again a seeded shuffle) become the validation split. Inputs are sorted first so the result depends only on the
 * set of pairs and the seed, never on row order in the file.
 */
export function splitGold(pairs: readonly { pair: RowPair; split: GoldSplit }[], seed: number, trainRatio = DEFAULT_TRAIN_RATIO, validRatio = DEFAULT_VALID_RATIO): PairSplits {
  if (!(trainRatio > 0 && trainRatio <= 1)) throw new RangeError(`trainRatio must be in (0, 1], got ${trainRatio}`);
  if (!(validRatio >= 0 && validRatio < 1)) throw new RangeError(`validRatio must be in [0, 1), got ${validRatio}`);
  const byPair = (a: RowPair, b: RowPair): number => a[0] - b[0] || a[1] - b[1];
  const out: PairSplits = { train: [], valid: [], test: [] };
  const unsplit: RowPair[] = [];
  for (const { pair, split } of pairs) (split === 'unsplit' ? unsplit : out[split]).push(pair);
  const rng = new Rng(seed);
  if (unsplit.length) {
    unsplit.sort(byPair);
    shuffle(unsplit, rng);
    const cut = Math.round(unsplit.length * trainRatio);
    out.train.push(...unsplit.slice(0, cut));
    out.test.push(...unsplit.slice(cut));
  }
  out.train.sort(byPair);
  if (out.valid.length === 0 && validRatio > 0 && out.train.length > 1) {
    shuffle(out.train, rng);
    const cut = Math.min(out.train.length - 1, Math.round(out.train.length * validRatio));
    out.valid = out.train.splice(0, cut);
    out.train.sort(byPair);
  }
  out.valid.sort(byPair);
  out.test.sort(byPair);
  return out;
}

function shuffle<T>(array: T[], rng: Rng): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [array[i], array[j]] = [array[j], array[i]];
  }
}

/** Flat [l0, r0, l1, r1, ...] as the trainer takes pairs. */
export function flatPairs(pairs: readonly RowPair[]): Int32Array {
  const out = new Int32Array(pairs.length * 2);
  pairs.forEach(([l, r], i) => {
    out[2 * i] = l;
    out[2 * i + 1] = r;
  });
  return out;
}
