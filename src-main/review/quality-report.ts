import type { Db } from '../project/db';
import type { QualityReport, Thresholds } from '../shared/dto';
import { MATCH_KINDS, matchKindOf, type EntityKind, type MatchKind } from '../shared/model';
import { fromCounts, prCurve } from '../align/quality';
import type { LabelledScore } from '../align/thresholds';
import { CandidatesRepository } from '../project/repositories/candidates';
import { DecisionsRepository } from '../project/repositories/decisions';
import { storedRanking } from './align-job';
import { runSplits } from './run-splits';

/**
 * Quality against gold: the test pairs of the current run's split of the gold (decisions aside), else the stored
 * test split, else all gold. The predicted set is what
 * the project would publish at the current thresholds: accepted pairs plus undecided auto-band candidates (a
 * rejection removes a pair). Only predictions touching an evaluated gold entity count, so training seeds and
 * entities without gold are neither right nor wrong here.
 */
export function qualityReport(db: Db, thresholds: readonly Thresholds[]): QualityReport {
  const candidates = new CandidatesRepository(db);
  const gold = evaluationGold(db, candidates.currentRun());
  const decisions = new DecisionsRepository(db);
  const current = decisions.currentDecisions();
  const verdict = new Map(current.map((d) => [`${d.left}:${d.right}`, d.verdict]));
  const kindOf = new Map<number, EntityKind>();
  for (const r of db.prepare('SELECT id, kind FROM entity').iterate() as Iterable<{ id: number; kind: EntityKind }>) kindOf.set(r.id, r.kind);

  const perKind: QualityReport['perKind'] = [];
  const prCurves: QualityReport['prCurve'] = [];
  let correctAll = 0, predictedAll = 0, goldAll = 0;
  for (const kind of MATCH_KINDS) {
    const kindGold = gold.filter((g) => matchKindOf(g.lk, g.rk) === kind);
    const goldKeys = new Set(kindGold.map((g) => `${g.left}:${g.right}`));
    const goldOf = new Map<number, Set<number>>();
    for (const g of kindGold) {
      if (!goldOf.has(g.left)) goldOf.set(g.left, new Set());
      goldOf.get(g.left)!.add(g.right);
    }
    const lefts = new Set(kindGold.map((g) => g.left));
    const rights = new Set(kindGold.map((g) => g.right));
    const touches = (l: number, r: number) => lefts.has(l) || rights.has(r);
    const upper = thresholds.find((t) => t.kind === kind)?.upper ?? Infinity;
    const predicted = new Set<string>();
    const labelled: LabelledScore[] = [];
    candidates.forEachOfKind(kind, (l, r, score) => {
      if (!touches(l, r)) return;
      labelled.push({ score, correct: goldOf.get(l)?.has(r) ?? false });
      if (score >= upper) {
        const key = `${l}:${r}`;
        if (!verdict.has(key)) predicted.add(key);
      }
    });
    for (const d of current) {
      if (d.verdict !== 'accept' || !touches(d.left, d.right)) continue;
      const lk = kindOf.get(d.left);
      const rk = kindOf.get(d.right);
      if (lk && rk && matchKindOf(lk, rk) === kind) predicted.add(`${d.left}:${d.right}`);
    }
    let correct = 0;
    for (const p of predicted) if (goldKeys.has(p)) correct++;
    const prf = fromCounts(correct, predicted.size, goldKeys.size);
    if (goldKeys.size || predicted.size) {
      perKind.push({ kind, precision: prf.precision, recall: prf.recall, f1: prf.f1, gold: goldKeys.size, predicted: predicted.size });
    }
    if (labelled.length) prCurves.push({ kind: kind as MatchKind, points: prCurve(labelled, goldKeys.size) });
    correctAll += correct;
    predictedAll += predicted.size;
    goldAll += goldKeys.size;
  }
  const overall = fromCounts(correctAll, predictedAll, goldAll);
  return {
    perKind,
    overall: { precision: overall.precision, recall: overall.recall, f1: overall.f1 },
    prCurve: prCurves,
    ranking: storedRanking(db, candidates.currentRun()),
    decisions: decisions.eventCount(),
  };
}

function evaluationGold(db: Db, run: number | null): { left: number; right: number; lk: EntityKind; rk: EntityKind }[] {
  const kindOf = db.prepare('SELECT kind FROM entity WHERE id = ?').pluck();
  const fromRun = runSplits(db, run, { ignoreDecisions: true })?.test;
  if (fromRun?.length) return fromRun.map((p) => ({ ...p, lk: kindOf.get(p.left) as EntityKind, rk: kindOf.get(p.right) as EntityKind }));
  const hasTest = (db.prepare("SELECT count(*) FROM gold_link WHERE split = 'test'").pluck().get() as number) > 0;
  return db.prepare(
    `SELECT g.left, g.right, l.kind AS lk, r.kind AS rk FROM gold_link g JOIN entity l ON l.id = g.left JOIN entity r ON r.id = g.right ${hasTest ? "WHERE g.split = 'test'" : ''}`,
  ).all() as { left: number; right: number; lk: EntityKind; rk: EntityKind }[];
}
