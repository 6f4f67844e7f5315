import type { Db } from '../project/db';
import { AppError } from '../shared/errors';
import { MATCH_KINDS, matchKindOf, type EntityKind, type MatchKind } from '../shared/model';
import { calibrate, type Calibration, type LabelledScore } from '../align/thresholds';
import { CandidatesRepository } from '../project/repositories/candidates';
import { ThresholdsRepository } from '../project/repositories/thresholds';
import { runSplits } from './run-splits';

/** The precision automatic calibration aims at when the curator has not chosen one. */
export const DEFAULT_PRECISION = 0.95;

/** Gold pairs held out for calibration, with their match kind, and where they came from. */
export interface ValidationGold {
  pairs: { left: number; right: number; kind: MatchKind }[];
  source: 'valid' | 'run valid split' | 'held-out train' | 'held-out unsplit' | 'none';
}

/** A stable 1-in-5 choice of pairs (the same pairs every time, whatever the row order). */
function heldOut(left: number, right: number): boolean {
  let h = Math.imul(left ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(right ^ 0xc2b2ae35, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return ((h >>> 0) % 5) === 0;
}

/**
 * The calibration gold: split 'valid'; else the validation pairs the current run held out of its seeds (never
 * trained on); else a held-out fifth of 'train', else of 'unsplit'.
 */
export function validationGold(db: Db): ValidationGold {
  const rows = (split: string) => db.prepare(
    `SELECT g.left, g.right, l.kind AS lk, r.kind AS rk FROM gold_link g JOIN entity l ON l.id = g.left JOIN entity r ON r.id = g.right WHERE g.split = ?`,
  ).all(split) as { left: number; right: number; lk: EntityKind; rk: EntityKind }[];
  const withKind = (list: typeof valid) => list.map((g) => ({ left: g.left, right: g.right, kind: matchKindOf(g.lk, g.rk) }));
  const valid = rows('valid');
  if (valid.length) return { pairs: withKind(valid), source: 'valid' };
  const fromRun = runSplits(db, new CandidatesRepository(db).currentRun())?.valid ?? [];
  if (fromRun.length) {
    const kindOf = db.prepare('SELECT kind FROM entity WHERE id = ?').pluck();
    return { pairs: fromRun.map((p) => ({ ...p, kind: matchKindOf(kindOf.get(p.left) as EntityKind, kindOf.get(p.right) as EntityKind) })), source: 'run valid split' };
  }
  const train = rows('train').filter((g) => heldOut(g.left, g.right));
  if (train.length) return { pairs: withKind(train), source: 'held-out train' };
  const unsplit = rows('unsplit').filter((g) => heldOut(g.left, g.right));
  if (unsplit.length) return { pairs: withKind(unsplit), source: 'held-out unsplit' };
  return { pairs: [], source: 'none' };
}

/**
 * Candidates of `kind` that touch a validation entity, labelled correct when they are a validation pair. Pairs
 * between two entities outside the validation gold say nothing about precision and are left out.
 */
export function labelledCandidates(db: Db, kind: MatchKind, gold: ValidationGold): { labelled: LabelledScore[]; goldTotal: number } {
  const pairs = gold.pairs.filter((p) => p.kind === kind);
  const goldKeys = new Set(pairs.map((p) => `${p.left}:${p.right}`));
  const lefts = new Set(pairs.map((p) => p.left));
  const rights = new Set(pairs.map((p) => p.right));
  const labelled: LabelledScore[] = [];
  new CandidatesRepository(db).forEachOfKind(kind, (left, right, score) => {
    if (lefts.has(left) || rights.has(right)) labelled.push({ score, correct: goldKeys.has(`${left}:${right}`) });
  });
  return { labelled, goldTotal: pairs.length };
}

/** Calibrates one kind to `precision` on the validation gold and stores the thresholds. */
export function calibrateKind(db: Db, kind: MatchKind, precision: number): Calibration & { source: ValidationGold['source'] } {
  const gold = validationGold(db);
  if (gold.source === 'none') {
    throw new AppError('NOT_FOUND', 'This project has no gold links to calibrate on', { hint: 'Import gold links (or set the thresholds by hand).' });
  }
  const { labelled, goldTotal } = labelledCandidates(db, kind, gold);
  const result = calibrate(kind, labelled, precision, goldTotal);
  new ThresholdsRepository(db).set([{ kind, lower: result.lower, upper: result.upper }]);
  return { ...result, source: gold.source };
}

/** After a generation: calibrates, at the default precision, every kind that has no stored thresholds yet. */
export function autoCalibrate(db: Db): MatchKind[] {
  const thresholds = new ThresholdsRepository(db);
  const done: MatchKind[] = [];
  for (const kind of MATCH_KINDS) {
    if (thresholds.isStored(kind)) continue;
    try {
      calibrateKind(db, kind, DEFAULT_PRECISION);
      done.push(kind);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  return done;
}
