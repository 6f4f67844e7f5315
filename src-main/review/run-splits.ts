import type { Db } from '../project/db';
import { loadProjectGraph } from '../features/project-graph';
import { seedSplits } from '../features/training-data-from-project';
import { RunsRepository } from '../project/repositories/runs';

/** Gold pairs (entity ids, left in graph 1) by the split a run used. */
export interface RunSplits {
  train: { left: number; right: number }[];
  valid: { left: number; right: number }[];
  test: { left: number; right: number }[];
}

const cache = new WeakMap<Db, Map<string, RunSplits | null>>();

/**
 * The train/valid/test split of the gold as training run `run` made it (its seed and ratios; gold that came
 * without a split is shuffled by that seed; curators' current decisions move accepted pairs to train), so that
 * ranking, calibration and quality never grade the model on pairs it trained on. Null when the run is unknown or
 * the gold yields no split. With `ignoreDecisions` the split is the gold's alone (quality: a pair the curator
 * accepted stays a test pair, and counts as a correct output link). Cached until the gold or decisions change.
 */
export function runSplits(db: Db, run: number | null, options: { ignoreDecisions?: boolean } = {}): RunSplits | null {
  if (run === null) return null;
  const counts = db.prepare("SELECT (SELECT count(*) FROM gold_link) || ':' || (SELECT coalesce(max(seq), 0) FROM decision_event) || ':' || (SELECT count(*) FROM decision_event WHERE state = 'active')").pluck().get() as string;
  const key = `${run}:${counts}:${options.ignoreDecisions ? 1 : 0}`;
  let entries = cache.get(db);
  if (!entries) cache.set(db, (entries = new Map()));
  if (entries.has(key)) return entries.get(key)!;
  let splits: RunSplits | null = null;
  const summary = new RunsRepository(db).get(run);
  if (summary) {
    try {
      const graph = loadProjectGraph(db);
      const { splits: rows } = seedSplits(db, graph, options.ignoreDecisions ? { ...summary.options, useDecisions: false } : summary.options);
      const ids = (pairs: [number, number][]) => pairs.map(([l, r]) => ({ left: graph.entityIds[l], right: graph.entityIds[r] }));
      splits = { train: ids(rows.train), valid: ids(rows.valid), test: ids(rows.test) };
    } catch {
      // No gold to split (or none usable): callers fall back to the stored splits.
      splits = null;
    }
  }
  // Only the latest key per flavour matters; older entries are stale.
  for (const k of [...entries.keys()]) if (k.endsWith(`:${options.ignoreDecisions ? 1 : 0}`)) entries.delete(k);
  entries.set(key, splits);
  return splits;
}
