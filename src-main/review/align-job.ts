import type { Db } from '../project/db';
import { AppError } from '../shared/errors';
import type { BandCounts, EvalMetrics } from '../shared/dto';
import { MODALITIES, type Modality } from '../shared/model';
import type { EmbeddingMatrix } from '../align/candidate-table';
import { generateCandidates } from '../align/generate-candidates';
import { rankingMetrics } from '../align/ranking';
import type { KernelChoice } from '../align/tile-scorer';
import { EmbeddingsRepository } from '../project/repositories/embeddings';
import { CandidatesRepository, type GenerationInfo } from '../project/repositories/candidates';
import { ThresholdsRepository } from '../project/repositories/thresholds';
import { autoCalibrate } from './calibration';
import { runSplits } from './run-splits';

/** Options of one alignment (candidate generation) job. */
export interface AlignOptions {
  topK?: number;
  csls?: boolean;
  /** The training run whose embeddings are used; default the newest finished run that has final vectors. */
  runId?: number;
  kernel?: KernelChoice;
}

/** What an alignment job leaves behind (also the job's result in the worker protocol). */
export interface AlignResult {
  generation: GenerationInfo;
  bands: BandCounts[];
  ranking: EvalMetrics | null;
  /** Kinds whose thresholds were calibrated automatically (none stored yet, validation gold present). */
  calibrated: string[];
}

/** Meta key of the run's ranking metrics on test gold, written by each alignment. */
export const RANKING_KEY = 'align.ranking';

/** The run alignment uses by default: the newest finished one with final vectors, else the newest with any. */
export function defaultAlignRun(db: Db): number | null {
  const done = db.prepare(
    "SELECT e.run FROM embedding e JOIN training_run t ON t.id = e.run WHERE e.modality = 'final' AND t.status = 'done' ORDER BY e.run DESC LIMIT 1",
  ).pluck().get() as number | undefined;
  return done ?? ((db.prepare("SELECT max(run) FROM embedding WHERE modality = 'final'").pluck().get() as number | null) ?? null);
}

/**
 * Generates candidates from a run's stored embeddings and replaces the current ones (decisions are untouched),
 * computes the run's ranking metrics on test gold, and calibrates thresholds of kinds the curator never set.
 * Runs in the worker thread (or in the CLI); `signal` cancels between row blocks: during generation the old
 * candidates stay; during the ranking that follows, the new candidates stay and no ranking is stored.
 */
export async function runAlign(
  db: Db,
  options: AlignOptions,
  control: { onProgress?: (fraction: number, detail: string) => void; signal?: AbortSignal } = {},
): Promise<AlignResult> {
  const started = Date.now();
  const run = options.runId ?? defaultAlignRun(db);
  if (run === null) throw new AppError('NOT_FOUND', 'No trained embeddings in this project yet', { hint: 'Train a model first; alignment ranks its vectors.' });
  const embeddings = new EmbeddingsRepository(db);
  const finalStored = embeddings.get(run, 'final');
  if (!finalStored) throw new AppError('NOT_FOUND', `Run ${run} has no final embeddings`, { hint: 'Pick a finished run, or train again.' });
  const final: EmbeddingMatrix = { ids: finalStored.entityIds, dim: finalStored.dim, data: finalStored.data };
  const modalities: Partial<Record<Modality, EmbeddingMatrix>> = {};
  for (const name of MODALITIES) {
    const m = embeddings.get(run, name);
    if (m) modalities[name] = { ids: m.entityIds, dim: m.dim, data: m.data };
  }
  const info = new Map<number, { side: number; kind: string }>();
  for (const row of db.prepare('SELECT id, side, kind FROM entity').iterate() as Iterable<{ id: number; side: number; kind: string }>) info.set(row.id, row);
  const side = Int8Array.from(final.ids, (id) => info.get(id)?.side ?? 0);
  const isImage = Int8Array.from(final.ids, (id) => (info.get(id)?.kind === 'image' ? 1 : 0));
  const topK = options.topK ?? 10;
  const csls = options.csls ?? false;
  const report = (fraction: number, detail: string) => control.onProgress?.(fraction, detail);
  const table = await generateCandidates(
    { final, side, isImage, modalities },
    { topK, csls, kernel: options.kernel, signal: control.signal, onProgress: (f, d) => report(0.85 * f, d) },
  );
  report(0.86, `writing ${table.count} candidates`);
  const candidates = new CandidatesRepository(db);
  const generation = candidates.replace(table, { run, topK, csls, generatedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 });
  report(0.9, 'ranking test gold');
  // The run's own test split (as the worker's evaluation derives it), else the gold's stored test split.
  const test = runSplits(db, run)?.test ?? (db.prepare("SELECT left, right FROM gold_link WHERE split = 'test'").all() as { left: number; right: number }[]);
  const allRight = Int32Array.from(final.ids.filter((id) => info.get(id)?.side === 2));
  // Ranking against every graph-2 entity doubles the work on benchmark-size graphs; keep it to modest sizes.
  const ranking = await rankingMetrics(final, test, { csls, kernel: options.kernel, signal: control.signal, allRight: test.length * allRight.length <= 1e8 ? allRight : undefined });
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RANKING_KEY, JSON.stringify({ run, csls, metrics: ranking }));
  const calibrated = autoCalibrate(db);
  report(1, `${table.count} candidates`);
  return { generation, bands: new ThresholdsRepository(db).bandCounts(run), ranking, calibrated };
}

/** The ranking metrics stored by the last alignment, if they belong to `run`. */
export function storedRanking(db: Db, run: number | null): EvalMetrics | null {
  const raw = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(RANKING_KEY) as string | undefined;
  if (!raw || run === null) return null;
  const parsed = JSON.parse(raw) as { run: number; metrics: EvalMetrics | null };
  return parsed.run === run ? parsed.metrics : null;
}
