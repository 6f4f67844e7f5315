import type { Db } from '../project/db';
import { EmbeddingsRepository } from '../project/repositories/embeddings';
import { RunsRepository } from '../project/repositories/runs';
import { loadProjectGraph } from '../features/project-graph';
import { seedSplits } from '../features/training-data-from-project';
import { evaluatePairs } from '../model/evaluate';
import type { EvalMetrics, RunSummary } from '../shared/dto';
import { AppError } from '../shared/errors';
import { tileKernel } from './tile-kernel';

/** The evaluation of a stored run. */
export interface RunEvaluation {
  run: RunSummary;
  csls: boolean;
  metrics: EvalMetrics;
  /** Test pairs left out because an entity has no stored vector (imported after the run). */
  skipped: number;
}

/**
 * Evaluates a finished run from its stored final embeddings: the run's own options re-derive the same seed split
 * (seed, ratios, curators' decisions as they are now), then test lefts are ranked among test rights (published
 * protocol) and among every KG2 entity except the known partners of training and validation pairs. TF.js-free.
 */
export function evaluateRun(db: Db, options: { runId?: number; csls?: boolean } = {}): RunEvaluation {
  const runs = new RunsRepository(db);
  const runId = options.runId ?? runs.latestDone();
  if (runId === null) throw new AppError('NOT_FOUND', 'the project has no finished training run', { hint: 'Train a model first (mmea train).' });
  const run = runs.get(runId);
  if (!run) throw new AppError('NOT_FOUND', `no training run ${runId}`);
  const final = new EmbeddingsRepository(db).get(runId, 'final');
  if (run.status !== 'done' || !final) throw new AppError('NOT_FOUND', `run ${runId} has no embeddings (status ${run.status})`);
  const graph = loadProjectGraph(db);
  const { splits } = seedSplits(db, graph, run.options);
  // Embedding rows by entity id: the project may have changed since the run.
  const rowOfEntity = new Map<number, number>();
  final.entityIds.forEach((id, row) => rowOfEntity.set(id, row));
  const side = new Int8Array(final.entityIds.length);
  final.entityIds.forEach((id, row) => {
    const g = graph.rowOf(id);
    side[row] = g >= 0 ? graph.side[g] : 0;
  });
  const toEmbeddingRows = (pairs: [number, number][]): { flat: Int32Array; skipped: number } => {
    const out: number[] = [];
    let skipped = 0;
    for (const [l, r] of pairs) {
      const a = rowOfEntity.get(graph.entityIds[l]);
      const b = rowOfEntity.get(graph.entityIds[r]);
      if (a === undefined || b === undefined) skipped++;
      else out.push(a, b);
    }
    return { flat: Int32Array.from(out), skipped };
  };
  const test = toEmbeddingRows(splits.test);
  if (test.flat.length === 0) throw new AppError('NOT_FOUND', `run ${runId}: no test pairs to evaluate`, { hint: 'The gold links all went to training.' });
  const known = new Set<number>();
  for (const p of [...splits.train, ...splits.valid]) {
    const b = rowOfEntity.get(graph.entityIds[p[1]]);
    if (b !== undefined) known.add(b);
  }
  const csls = options.csls ?? run.options.csls ?? false;
  const m = evaluatePairs(final.data, final.dim, test.flat, { side, exclude: known, cslsK: csls ? 3 : 0, kernel: tileKernel() });
  const metrics: EvalMetrics = { hits1: m.hits1, hits10: m.hits10, mrr: m.mrr, pairs: m.pairs, all: m.all ? { hits1: m.all.hits1, hits10: m.all.hits10, mrr: m.all.mrr } : undefined };
  return { run, csls, metrics, skipped: test.skipped };
}
