import * as tf from '@tensorflow/tfjs';
import type { Db } from '../project/db';
import { EmbeddingsRepository, type FrozenSet, type StoredEmbedding, type StoredUncertainty } from '../project/repositories/embeddings';
import { RunsRepository } from '../project/repositories/runs';
import { fillMissingImageFeatures } from '../features/missing-image-features';
import { type ProjectTrainingData, trainingDataFromProject } from '../features/training-data-from-project';
import { evaluatePairs, type RankMetrics } from '../model/evaluate';
import { tfKernel } from '../model/tf-kernel';
import { train } from '../model/trainer/train';
import type { LateShares, TrainProgress, TrainResult } from '../model/trainer/types';
import type { EvalMetrics, TrainingOptions } from '../shared/dto';
import { AppError, toErrorData } from '../shared/errors';
import type { LogLevel } from './protocol';
import { modelConfigOf } from './training-options';
import { isWasmAbort, wasmAbortError } from './wasm-abort';

/** Hooks of one training run (the worker job and the CLI pass their own). */
export interface TrainingRunHooks {
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
  log?: (level: LogLevel, message: string) => void;
}

/** How a run ended, as plain data (the worker job's result, the CLI's summary). */
export interface TrainingRunOutcome {
  runId: number;
  status: 'done' | 'cancelled';
  backend: string;
  bestEpoch: number | null;
  valid: RankMetrics | null;
  /** Test pairs (published protocol) and, in `all`, every KG2 entity but known partners. Null when cancelled. */
  test: EvalMetrics | null;
  seconds: number;
  stats: ProjectTrainingData['stats'];
  /** Late-fusion shares of the best checkpoint (propagated seed labels, names); null for a view that was off. */
  fusion?: LateShares;
}

/**
 * One training run over a project, the same code in the worker and in the CLI: builds TrainingData from the
 * project, trains with the active TF.js backend (the caller selected it), records epochs as they finish, then in
 * one transaction stores the best checkpoint's embeddings (final and per modality), the frozen modalities, the
 * modality weight uncertainty (Beta fusion models), the epoch log and the test metrics, and marks the run done. A cancel or an error marks the run cancelled/failed and
 * writes no embeddings, so the project never holds half a run.
 */
export async function runTraining(db: Db, options: TrainingOptions, hooks: TrainingRunHooks = {}, existingRunId?: number): Promise<TrainingRunOutcome> {
  const runs = new RunsRepository(db);
  const backend = tf.getBackend();
  const runId = existingRunId ?? runs.create(backend, options);
  const started = Date.now();
  try {
    const config = modelConfigOf(options);
    hooks.onProgress?.(preparing(config.epochs, backend, 'preparing features and seed pairs'));
    if (options.useImages !== false) {
      const encoded = await fillMissingImageFeatures(db, db.name, {
        signal: hooks.signal,
        onProgress: (done, total) => hooks.onProgress?.(preparing(config.epochs, backend, `encoding images ${done}/${total}`, total ? done / total : null)),
        log: (message) => hooks.log?.('warn', message),
      });
      if (encoded) {
        hooks.log?.('info', `image features (${encoded.encoder}): ${encoded.encoded} entities encoded, ${encoded.missing} without a readable image`);
        for (const problem of encoded.problems) hooks.log?.('warn', problem);
      }
    }
    const prepared = trainingDataFromProject(db, options);
    const { stats } = prepared;
    hooks.log?.('info', describe(stats));
    if (stats.image && stats.image.ignored > 0) {
      hooks.log?.('warn', `${stats.image.ignored} image vectors from another encoder than ${stats.image.encoder} were left out`);
    }
    const epochs = new EpochRecorder(runs, runId);
    const result = await train(prepared.data, config, {
      signal: hooks.signal,
      onProgress: (p) => {
        epochs.observe(p);
        hooks.onProgress?.(p);
      },
    });
    if (result.status === 'cancelled' || hooks.signal?.aborted) {
      runs.finish(runId, 'cancelled');
      return { runId, status: 'cancelled', backend, bestEpoch: null, valid: null, test: null, seconds: (Date.now() - started) / 1000, stats };
    }
    const test = testMetrics(result, prepared, config.csls);
    db.transaction(() => {
      for (const e of result.log) runs.addEpoch(runId, e);
      new EmbeddingsRepository(db).saveAll(runId, embeddingsOf(result, prepared.entityIds), frozenOf(result, prepared.entityIds), uncertaintyOf(result, prepared));
      runs.finish(runId, 'done', { bestEpoch: result.bestEpoch, metrics: test });
    })();
    const fusion: LateShares = { propagation: result.priorWeight, names: result.nameWeight, attributes: result.attributeWeight };
    return { runId, status: 'done', backend, bestEpoch: result.bestEpoch, valid: result.valid, test, seconds: (Date.now() - started) / 1000, stats, fusion };
  } catch (caught) {
    const error = isWasmAbort(caught) ? wasmAbortError(caught) : caught instanceof RangeError ? new AppError('BAD_INPUT', caught.message, { cause: caught }) : caught;
    const data = toErrorData(error);
    if (data.code === 'CANCELLED') runs.finish(runId, 'cancelled');
    else runs.finish(runId, 'failed', { error: data.hint ? `${data.message}. ${data.hint}` : data.message });
    throw error;
  }
}

function preparing(epochs: number, backend: string, detail: string, value: number | null = null): TrainProgress {
  return {
    kind: 'training', title: 'Training', detail, value,
    epoch: 0, epochs, step: 0, steps: 0, loss: 0, elapsedSeconds: 0, etaSeconds: null, backend,
  };
}

function describe(stats: ProjectTrainingData['stats']): string {
  const modalities = stats.modalities.map((m) => `${m.name} ${m.present}/${stats.entities} (${m.cols}-d)`).join(', ');
  return `${stats.entities} entities, ${stats.triples} triples; pairs train ${stats.pairs.train} / valid ${stats.pairs.valid} / test ${stats.pairs.test}` +
    `${stats.acceptedSeeds ? ` (+${stats.acceptedSeeds} accepted by curators)` : ''}${stats.hardNegatives ? `, ${stats.hardNegatives} rejected as hard negatives` : ''}; ` +
    `features: ${modalities || 'structure only'}${stats.recomputed.length ? `; recomputed ${stats.recomputed.join(', ')}` : ''}`;
}

/**
 * Writes an epoch row as soon as the trainer reports the end of an epoch: the trainer reports each batch and then
 * the epoch as a whole (with validation metrics when they ran), so the second report with step === steps for an
 * epoch is its end. The authoritative log is written again from the result when the run completes.
 */
class EpochRecorder {
  private readonly ends = new Map<number, number>();
  private lastElapsed = 0;

  constructor(private readonly runs: RunsRepository, private readonly runId: number) {}

  observe(p: TrainProgress): void {
    if (p.kind !== 'training' || p.steps === 0 || p.step !== p.steps) return;
    const seen = (this.ends.get(p.epoch) ?? 0) + 1;
    this.ends.set(p.epoch, seen);
    if (seen !== 2) return;
    this.runs.addEpoch(this.runId, {
      epoch: p.epoch, loss: p.loss, hits1: p.valid?.hits1 ?? null, hits10: p.valid?.hits10 ?? null, mrr: p.valid?.mrr ?? null,
      seconds: p.elapsedSeconds - this.lastElapsed,
    });
    this.lastElapsed = p.elapsedSeconds;
  }
}

/**
 * Test metrics of the best checkpoint: test lefts ranked among test rights (the published protocol) and among
 * every KG2 entity except the known partners of training and validation pairs (what a curator faces).
 */
function testMetrics(result: TrainResult, prepared: ProjectTrainingData, csls: boolean): EvalMetrics | null {
  const { pairs, side } = prepared.data;
  if (pairs.test.length === 0 || result.dim === 0) return null;
  const known = new Set<number>();
  for (const split of [pairs.train, pairs.valid]) for (let i = 1; i < split.length; i += 2) known.add(split[i]);
  const m = evaluatePairs(result.embeddings, result.dim, pairs.test, { side, exclude: known, cslsK: csls ? 3 : 0, kernel: tfKernel() });
  return { hits1: m.hits1, hits10: m.hits10, mrr: m.mrr, pairs: m.pairs, all: m.all ? { hits1: m.all.hits1, hits10: m.all.hits10, mrr: m.all.mrr } : undefined };
}

function embeddingsOf(result: TrainResult, entityIds: Int32Array): StoredEmbedding[] {
  const out: StoredEmbedding[] = [{ modality: 'final', entityIds, dim: result.dim, data: result.embeddings }];
  for (const [modality, m] of Object.entries(result.modalities)) if (m) out.push({ modality, entityIds, dim: m.dim, data: m.data });
  return out;
}

function frozenOf(result: TrainResult, entityIds: Int32Array): FrozenSet[] {
  const out: FrozenSet[] = [];
  for (const [modality, flags] of Object.entries(result.frozen) as [FrozenSet['modality'], Uint8Array | undefined][]) {
    if (!flags) continue;
    const ids: number[] = [];
    for (let i = 0; i < flags.length; i++) if (flags[i]) ids.push(entityIds[i]);
    if (ids.length) out.push({ modality, entityIds: Int32Array.from(ids) });
  }
  return out;
}

/**
 * The Beta fusion's per-modality weight spread, ready to store: the trainer reports a value for every entity and
 * modality (the head runs on a zero input where a feature is missing), but the spread of a weight the entity never
 * uses means nothing to a curator, so those cells become NaN, which the repository skips. Null for other models.
 */
export function uncertaintyOf(result: TrainResult, prepared: Pick<ProjectTrainingData, 'data' | 'entityIds'>): StoredUncertainty | null {
  const u = result.modalityUncertainty;
  if (!u || u.modalities.length === 0) return null;
  const width = u.modalities.length;
  const n = prepared.entityIds.length;
  if (u.values.length !== n * width) throw new Error(`modality uncertainty: ${u.values.length} values for ${n} entities x ${width} modalities`);
  const values = Float32Array.from(u.values);
  u.modalities.forEach((m, q) => {
    const present = prepared.data.features[m]?.present;
    for (let i = 0; i < n; i++) if (!present || present[i] === 0) values[i * width + q] = NaN;
  });
  return { modalities: u.modalities, entityIds: prepared.entityIds, values };
}
