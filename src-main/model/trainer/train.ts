import * as tf from '@tensorflow/tfjs';
import type { TrainingOptions } from '../../shared/dto';
import type { Modality } from '../../shared/model';
import { resolveConfig, type ModelConfig } from '../config';
import { evaluatePairs, type RankMetrics } from '../evaluate';
import { concat } from '../graph';
import { thetaAt, updateFreezeMask } from '../freezing';
import { AlignmentModel } from '../network';
import { AdamW, cosineSchedule } from '../optimizer';
import { Probation } from '../probation';
import { Rng } from '../rng';
import { standardizeBySide } from '../standardize';
import { tfKernel } from '../tf-kernel';
import type { TrainingData } from '../training-data';
import { carveValidation, makeBatches, sampleNegatives } from './batches';
import { LateViews } from './late-views';
import { mineNegatives, type MinedNegatives } from './negative-mining';
import { trainStep } from './step';
import type { EpochLog, TrainHooks, TrainResult } from './types';

/** Fraction of the training seeds carved out for validation when the data brings no valid split. */
const VALID_FRACTION = 0.1;

/**
 * Trains the alignment model on `data` with the active TF.js backend (call selectBackend first) and returns the
 * best checkpoint's embeddings (chosen by validation Hits@1, never on test pairs). Deterministic for a seed on a
 * backend; cooperative cancel between batches; every step in tf.tidy, and all tensors are freed on return.
 */
export async function train(data: TrainingData, options: TrainingOptions | ModelConfig = {}, hooks: TrainHooks = {}, overrides: Partial<ModelConfig> = {}): Promise<TrainResult> {
  const config = 'temperature' in options ? { ...(options as ModelConfig), ...overrides } : resolveConfig(options as TrainingOptions, overrides);
  const started = Date.now();
  const rng = new Rng(config.seed);
  const split = carveValidation(data.pairs.train, data.pairs.valid, VALID_FRACTION, rng);
  const model = new AlignmentModel(data, config, rng);
  const optimizer = new AdamW(model.params.list(), config.weightDecay);
  const backend = tf.getBackend();
  const n = data.numEntities;
  const masks = model.present.map(() => new Float32Array(n).fill(1));
  const pools = [1, 2].map((s) => Int32Array.from({ length: n }, (_, i) => i).filter((e) => data.side[e] === s));
  const trainRights = new Set<number>();
  for (let i = 1; i < split.train.length; i += 2) trainRights.add(split.train[i]);
  const probation = config.iterative ? new Probation(config.iterativeChecks, data.alignable, config.iterativeMatch) : null;
  probation?.exclude([...split.train, ...split.valid]);
  const hard = config.hardNegatives && data.hardNegatives ? data.hardNegatives : new Int32Array(0);
  let pairs = split.train;
  const log: EpochLog[] = [];
  let best: { epoch: number; metrics: RankMetrics; snap: Snapshot; shares: number[] } | null = null;
  // The pseudo-seeds that label the final propagation, when the final rounds re-paired them (else probation.accepted).
  let finalPseudo: [number, number][] | null = null;
  let status: TrainResult['status'] = 'done';
  const stepsPerEpoch = Math.max(1, Math.ceil(pairs.length / 2 / config.batchSize));
  const totalSteps = config.epochs * stepsPerEpoch;
  const warmup = config.warmupEpochs * stepsPerEpoch;
  // Views fused late with the learned vector (names, propagated seed labels), their shares picked on validation.
  const late = new LateViews(data, config, split.train, split.valid.length > 0);
  const ranked = config.standardize ? data.side : null;
  let step = 0;
  let mined: MinedNegatives | null = null;
  const rejected = rejectedBySide(hard);
  try {
    if (pairs.length < 4) throw new RangeError('training needs at least two seed pairs');
    outer: for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const t0 = Date.now();
      if (config.alignLoss === 'hard-sample' && config.minedNegatives > 0 && (epoch - 1) % config.mineEvery === 0) {
        const snap = snapshot(model, masks, ranked);
        mined = mineNegatives(snap.final, snap.dim, pairs, [pools[0], pools[1]], config.minedNegatives);
      }
      const batches = makeBatches(pairs, config.batchSize, rng);
      let lossSum = 0;
      for (let b = 0; b < batches.length; b++) {
        if (hooks.signal?.aborted) {
          status = 'cancelled';
          break outer;
        }
        const { left, right, index } = batches[b];
        const hardSample = config.alignLoss === 'hard-sample';
        const inBatch = new Set<number>([...left, ...right]);
        const negRight = hardSample ? new Int32Array(0) : withHard(sampleNegatives(pools[1], config.negatives, inBatch, rng), hard, 1, inBatch);
        const negLeft = hardSample ? new Int32Array(0) : withHard(sampleNegatives(pools[0], config.negatives, inBatch, rng), hard, 0, inBatch);
        const perPair = hardSample ? perPairNegatives(index, pairs, mined, pools, rejected, config.minedNegatives + config.randomNegatives, rng) : undefined;
        const available = model.present.map((p, i) => Float32Array.from(p, (v, e) => v * masks[i][e]));
        const lr = cosineSchedule(step, totalSteps, warmup, config.learningRate);
        lossSum += trainStep(model, optimizer, config, { left, right, negRight, negLeft, available, learningRate: lr, dropoutSeed: rng.seed(), perPair });
        step++;
        hooks.onProgress?.(progress(epoch, config.epochs, b + 1, batches.length, lossSum / (b + 1), backend, started, undefined));
        await yieldToEventLoop();
      }
      if (config.freezing && epoch >= config.freezeStart && model.modalities.length > 0) {
        const hs = tf.tidy(() => model.encodeModalities());
        model.modalities.forEach((m, i) => updateFreezeMask(hs[i], model.present[i], data.side, pairs, masks[i], thetaAt(m, epoch, config.freezeStart), config.freezeSample, rng));
        tf.dispose(hs);
      }
      const entry: EpochLog = { epoch, loss: lossSum / batches.length, hits1: null, hits10: null, mrr: null, seconds: 0, pseudoSeeds: probation?.accepted.length ?? 0 };
      const probe = probation && epoch >= config.iterativeStart && (epoch - config.iterativeStart) % config.iterativeEvery === 0;
      if (epoch % config.evalEvery === 0 || epoch === config.epochs || probe) {
        const snap = snapshot(model, masks, ranked);
        if (probe) {
          // Pseudo-seeds come from the blended ranking (what the curator will see), not the weaker model-only one;
          // once promoted they also become labels of the propagation.
          const v = late.blend({ data: snap.final, dim: snap.dim });
          const promoted = probation!.check(v.data, v.dim, data.side, tfKernel());
          if (promoted.length) {
            pairs = concatPairs(pairs, promoted);
            late.refresh(pairs);
          }
          entry.pseudoSeeds = probation!.accepted.length;
        }
        if (epoch % config.evalEvery === 0 || epoch === config.epochs) {
          let m: RankMetrics;
          let shares = [1];
          if (late.active) ({ metrics: m, shares } = late.pick({ data: snap.final, dim: snap.dim }, split.valid, data.side, trainRights, config.csls));
          else m = validate(snap, split.valid, data.side, trainRights, config.csls);
          entry.hits1 = m.hits1;
          entry.hits10 = m.hits10;
          entry.mrr = m.mrr;
          if (!best || m.hits1 > best.metrics.hits1) best = { epoch, metrics: m, snap: withModal(model, snap, masks), shares };
        }
      }
      entry.seconds = (Date.now() - t0) / 1000;
      log.push(entry);
      const valid = entry.hits1 === null ? undefined : { hits1: entry.hits1, hits10: entry.hits10!, mrr: entry.mrr! };
      hooks.onProgress?.(progress(epoch, config.epochs, batches.length, batches.length, entry.loss, backend, started, valid));
    }
    if (!best && status === 'done') {
      const snap = snapshot(model, masks, ranked);
      best = { epoch: config.epochs, metrics: validate(snap, split.valid, data.side, trainRights, config.csls), snap: withModal(model, snap, masks), shares: [1] };
    }
  } finally {
    optimizer.dispose();
    model.dispose();
  }
  // Late fusion: the best checkpoint's vectors beside the propagation, names and attributes, at the shares picked with it.
  const shares = best && best.shares.length > 1 ? late.named(best.shares) : late.named(late.shares.map(() => 0));
  if (best && best.shares.length > 1 && best.shares[0] < 1) {
    // The final propagation labels every pseudo-seed accepted during training (also those found after the best
    // checkpoint: they are data, not model) and the validation pairs, held out until now to pick the checkpoint and
    // the shares (test pairs are never labels).
    // A cancelled run skips this (it would cost a propagation) and blends the views it has.
    const learned = { data: best.snap.final, dim: best.snap.dim };
    const lastLoss = log.length ? log[log.length - 1].loss : 0;
    const finishing = (what: string): void => hooks.onProgress?.(finishingProgress(what, config.epochs, lastLoss, backend, started));
    let seeds = concat(pairs, split.valid);
    if (status === 'done' && late.prior) {
      finishing(`final propagation of ${seeds.length / 2} labels`);
      late.refresh(seeds);
    }
    let blended = late.blend(learned, best.shares);
    // Iterative training ends with propagation-only rounds, which no network step needs (1-2 minutes each on DBP15K):
    // with `iterativeFinalRematch` every candidate is paired afresh, the accepted pseudo-seeds competing again, and
    // the pairs found replace them as labels; without it, the mutual pairs among the entities still unpaired are
    // added. Cancel is checked before each round, like between batches.
    const fixedSeeds = concat(split.train, split.valid);
    for (let round = 0; probation && late.prior && status === 'done' && round < config.iterativeFinalRounds; round++) {
      await yieldToEventLoop(); // lets a cancel that arrived during the last propagation be seen
      if (hooks.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      const rematch = config.iterativeFinalRematch;
      const found = rematch ? probation.rematch(blended.data, blended.dim, data.side, tfKernel()) : probation.promoteMutual(blended.data, blended.dim, data.side, tfKernel());
      if (!found.length) break;
      const next = rematch ? concatPairs(fixedSeeds, found) : concatPairs(seeds, found);
      // The same labels again would propagate to the same vectors.
      if (rematch && sameSeeds(next, seeds)) break;
      finishing(`final round ${round + 1}/${config.iterativeFinalRounds}: ${found.length} pseudo-seeds ${rematch ? 're-paired' : 'promoted'}`);
      seeds = next;
      if (rematch) finalPseudo = found;
      blended = learned; // drops the old blend before the next propagation allocates (memory peak)
      late.refresh(seeds);
      blended = late.blend(learned, best.shares);
    }
    best = { ...best, snap: { ...best.snap, final: blended.data, dim: blended.dim } };
  }
  const frozen: TrainResult['frozen'] = {};
  model.modalities.forEach((m, i) => (frozen[m] = Uint8Array.from(masks[i], (v, e) => (model.present[i][e] && v === 0 ? 1 : 0))));
  return {
    status,
    backend,
    config,
    embeddings: best?.snap.final ?? new Float32Array(0),
    dim: best?.snap.dim ?? 0,
    modalities: best?.snap.modal ?? {},
    frozen,
    ...(best?.snap.uncertainty ? { modalityUncertainty: { modalities: [...model.modalities], values: best.snap.uncertainty } } : {}),
    bestEpoch: best?.epoch ?? null,
    nameWeight: shares.name,
    priorWeight: shares.prior,
    attributeWeight: shares.attribute,
    valid: best?.metrics ?? null,
    log,
    pseudoSeeds: probation ? Int32Array.from((finalPseudo ?? probation.accepted).flat()) : new Int32Array(0),
    seconds: (Date.now() - started) / 1000,
  };
}

interface Snapshot {
  final: Float32Array;
  dim: number;
  modal?: Partial<Record<Modality, { dim: number; data: Float32Array }>>;
  /** Beta fusion only: [N x M] weight std, NaN where the entity lacks the modality. */
  uncertainty?: Float32Array;
}

/**
 * The final vectors in evaluation mode (no dropout), read back to the host, as the rest of training sees them
 * (negative mining, probes, validation, the result); with `standardizeSide`, standardised per graph (standardize.ts).
 */
function snapshot(model: AlignmentModel, masks: Float32Array[], standardizeSide: Int8Array | null): Snapshot {
  const t = tf.tidy(() => model.forward(maskTensor(model, masks), 'eval').final);
  const raw = t.dataSync() as Float32Array;
  const dim = t.shape[1];
  t.dispose();
  return { final: standardizeSide ? standardizeBySide(raw, dim, standardizeSide) : raw, dim };
}

/**
 * Adds the per-modality vectors (structure stack and encoder outputs) to a snapshot that became the best, and with
 * Beta fusion each modality's weight uncertainty (NaN where the entity does not have the modality at all).
 */
function withModal(model: AlignmentModel, snap: Snapshot, masks: Float32Array[]): Snapshot {
  const out = tf.tidy(() => {
    const f = model.forward(maskTensor(model, masks), 'eval');
    return f.uncertainty ? [f.structure, ...f.modal, f.uncertainty] : [f.structure, ...f.modal];
  });
  const views = out.slice(0, model.modalities.length + 1);
  const uncertainty = out.length > views.length ? out[views.length] : null;
  const modal: Snapshot['modal'] = {};
  const names: Modality[] = ['structure', ...model.modalities];
  views.forEach((t, i) => (modal[names[i]] = { dim: t.shape[1], data: t.dataSync() as Float32Array }));
  tf.dispose(views);
  if (!uncertainty) return { ...snap, modal };
  const values = uncertainty.dataSync() as Float32Array;
  uncertainty.dispose();
  const m = model.modalities.length;
  model.present.forEach((p, j) => p.forEach((has, e) => {
    if (!has) values[e * m + j] = NaN;
  }));
  return { ...snap, modal, uncertainty: values };
}

function maskTensor(model: AlignmentModel, masks: Float32Array[]): tf.Tensor2D | null {
  const m = model.modalities.length;
  if (!m) return null;
  const n = model.numEntities;
  const data = new Float32Array(n * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) data[i * m + j] = model.present[j][i] * masks[j][i];
  return tf.tensor2d(data, [n, m]);
}

/** Valid lefts ranked against every KG2 entity that is not a training partner. */
function validate(snap: Snapshot, valid: Int32Array, side: Int8Array, trainRights: Set<number>, csls: boolean): RankMetrics {
  if (!valid.length) return { hits1: 0, hits10: 0, mrr: 0, pairs: 0 };
  const r = evaluatePairs(snap.final, snap.dim, valid, { side, exclude: trainRights, cslsK: csls ? 3 : 0, kernel: tfKernel() });
  return r.all ?? r;
}

/** A curator's rejected pairs by entity: left -> rejected rights and right -> rejected lefts. */
function rejectedBySide(hard: Int32Array): Map<number, number[]> {
  const by = new Map<number, number[]>();
  const add = (a: number, b: number): void => {
    const list = by.get(a);
    if (list) list.push(b);
    else by.set(a, [b]);
  };
  for (let i = 0; i + 1 < hard.length; i += 2) {
    add(hard[i], hard[i + 1]);
    add(hard[i + 1], hard[i]);
  }
  return by;
}

/**
 * The hard-sample loss's negatives for one batch, k per side of each pair: the curator's rejected partners first,
 * then the mined ones (pairs mined before pseudo-seeds grew the list have none), then random entities of the
 * other graph to fill k. The random ones keep the standardisation's spread honest when the mined set is tight.
 */
function perPairNegatives(index: Int32Array, pairs: Int32Array, mined: MinedNegatives | null, pools: Int32Array[], rejected: Map<number, number[]>, k: number, rng: Rng): { ofLeft: Int32Array; ofRight: Int32Array; k: number } {
  const b = index.length;
  const ofLeft = new Int32Array(b * k);
  const ofRight = new Int32Array(b * k);
  const minedCount = mined ? mined.ofLeft.length / mined.k : 0;
  const fill = (out: Int32Array, row: number, anchor: number, partner: number, minedList: Int32Array | null, pool: Int32Array): void => {
    let w = 0;
    for (const e of rejected.get(anchor) ?? []) if (w < k && e !== partner) out[row * k + w++] = e;
    if (minedList) for (let j = 0; j < minedList.length && w < k; j++) out[row * k + w++] = minedList[j];
    let guard = 100 * k;
    while (w < k && guard-- > 0) {
      const e = pool[rng.int(pool.length)];
      if (e !== partner) out[row * k + w++] = e;
    }
    for (; w < k; w++) out[row * k + w] = pool[0];
  };
  for (let i = 0; i < b; i++) {
    const p = index[i];
    const l = pairs[2 * p];
    const r = pairs[2 * p + 1];
    const has = mined !== null && p < minedCount;
    fill(ofLeft, i, l, r, has ? mined!.ofLeft.subarray(p * mined!.k, (p + 1) * mined!.k) : null, pools[1]);
    fill(ofRight, i, r, l, has ? mined!.ofRight.subarray(p * mined!.k, (p + 1) * mined!.k) : null, pools[0]);
  }
  return { ofLeft, ofRight, k };
}

function withHard(sampled: Int32Array, hard: Int32Array, offset: 0 | 1, exclude: Set<number>): Int32Array {
  if (!hard.length) return sampled;
  const set = new Set<number>(sampled);
  for (let i = offset; i < hard.length; i += 2) if (!exclude.has(hard[i])) set.add(hard[i]);
  return Int32Array.from(set);
}

function concatPairs(a: Int32Array, extra: [number, number][]): Int32Array {
  const out = new Int32Array(a.length + 2 * extra.length);
  out.set(a);
  extra.forEach(([l, r], i) => {
    out[a.length + 2 * i] = l;
    out[a.length + 2 * i + 1] = r;
  });
  return out;
}

function sameSeeds(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function progress(epoch: number, epochs: number, step: number, steps: number, loss: number, backend: string, started: number, valid: { hits1: number; hits10: number; mrr: number } | undefined) {
  const done = (epoch - 1 + step / steps) / epochs;
  const elapsed = (Date.now() - started) / 1000;
  return {
    kind: 'training' as const,
    title: 'Training',
    detail: `epoch ${epoch}/${epochs}`,
    value: done,
    epoch,
    epochs,
    step,
    steps,
    loss,
    ...(valid ? { valid } : {}),
    elapsedSeconds: elapsed,
    etaSeconds: done > 0 ? (elapsed * (1 - done)) / done : null,
    backend,
  };
}

/** A progress event for the steps after the last epoch (value null: their count is known, their length is not). */
function finishingProgress(what: string, epochs: number, loss: number, backend: string, started: number) {
  return { ...progress(epochs, epochs, 1, 1, loss, backend, started, undefined), detail: what, value: null, etaSeconds: null, finishing: what };
}

/** Lets a worker's message handler (cancel) run between batches. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
