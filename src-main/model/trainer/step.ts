import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config';
import { gatherRows, l2Normalize } from '../ops';
import type { AlignmentModel } from '../network';
import { infoNce } from '../loss/info-nce';
import { normalizedHardLoss } from '../loss/normalized-hard';
import { rowDots } from '../ops/row-dots';
import { associationLoss } from '../loss/association';
import { addVariantLosses } from './variant-losses';
import type { AdamW } from '../optimizer';
import { Rng } from '../rng';

/** One optimisation step's inputs: entity indices of the batch pairs and of the extra negatives. */
export interface StepBatch {
  left: Int32Array;
  right: Int32Array;
  /** Extra negatives scored against the lefts (KG2 entities) and against the rights (KG1 entities). */
  negRight: Int32Array;
  negLeft: Int32Array;
  /** Per content modality, Float32 [N]: present x freezing mask (0 = missing or frozen). */
  available: Float32Array[];
  learningRate: number;
  dropoutSeed: number;
  /**
   * For the hard-sample loss: per batch pair, k negatives of its left (KG2 entities) and of its right (KG1
   * entities), flat [B * k] in batch order (mined hard ones first, then random ones).
   */
  perPair?: { ofLeft: Int32Array; ofRight: Int32Array; k: number };
}

/** The batch's loss as a scalar tensor (for gradients); the model's forward pass included. */
export function batchLoss(model: AlignmentModel, config: ModelConfig, batch: StepBatch): tf.Scalar {
  const n = model.numEntities;
  const m = model.modalities.length;
  const mask = m > 0 ? availableMatrix(batch.available, n) : null;
  const out = model.forward(mask);
  let seed = batch.dropoutSeed;
  const drop = (x: tf.Tensor2D): tf.Tensor2D => (config.dropout > 0 ? (tf.dropout(x, config.dropout, undefined, seed++) as tf.Tensor2D) : x);
  const unit = (ids: Int32Array): tf.Tensor2D | null => (ids.length ? l2Normalize(drop(gatherRows(out.final, tf.tensor1d(ids, 'int32')))) : null);
  let loss = config.alignLoss === 'hard-sample' && batch.perPair
    ? hardSampleLoss(l2Normalize(drop(out.final)), batch.left, batch.right, batch.perPair, config.lossLambda)
    : infoNce(unit(batch.left)!, unit(batch.right)!, config.temperature, unit(batch.negRight), unit(batch.negLeft));
  if (config.modalityLosses) {
    model.modalities.forEach((name, i) => {
      const keep = pairsWith(batch, (e) => batch.available[i][e] > 0);
      if (keep.left.length < 2) return;
      const h = out.modal[i];
      const li = infoNce(l2Normalize(gatherRows(h, tf.tensor1d(keep.left, 'int32'))), l2Normalize(gatherRows(h, tf.tensor1d(keep.right, 'int32'))), config.temperature);
      // Learned uncertainty weighting (Kendall et al.): 0.5 exp(-s) L + 0.5 s.
      const s = model.params.get(`uncertainty.${name}`);
      loss = loss.add(li.mul(s.neg().exp()).mul(0.5).add(s.mul(0.5)).reshape([])) as tf.Scalar;
    });
  }
  if (config.associationLoss && m > 0) {
    const views = [model.params.get('struct.emb') as tf.Tensor2D, ...out.modal];
    const usable = (v: number, e: number): boolean => v === 0 || batch.available[v - 1][e] > 0;
    // A seeded subset keeps the in-batch similarity matrices small (B x B per modality pair).
    const entities = subset(Int32Array.from(new Set([...batch.left, ...batch.right])), ASSOCIATION_SAMPLE, batch.dropoutSeed);
    const ids = new Map<string, Int32Array>();
    for (let a = 0; a < views.length; a++) for (let b = a + 1; b < views.length; b++) ids.set(`${a},${b}`, entities.filter((e) => usable(a, e) && usable(b, e)));
    const assoc = associationLoss(views, ids, config.temperature);
    if (assoc) loss = loss.add(assoc.mul(config.associationWeight)) as tf.Scalar;
  }
  loss = addVariantLosses(loss, model, config, batch, out);
  return loss;
}

/** Forward, backward and an AdamW update, all inside one tidy; returns the loss. */
export function trainStep(model: AlignmentModel, optimizer: AdamW, config: ModelConfig, batch: StepBatch): number {
  const lossTensor = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => batchLoss(model, config, batch), model.params.list());
    optimizer.step(grads, batch.learningRate);
    return value;
  });
  const loss = lossTensor.dataSync()[0];
  lossTensor.dispose();
  return loss;
}

/** Both directions of the normalised hard-sample loss over unit vectors u [N, D] (rows scored on the host). */
function hardSampleLoss(u: tf.Tensor2D, left: Int32Array, right: Int32Array, perPair: NonNullable<StepBatch['perPair']>, lambda: number): tf.Scalar {
  const { k } = perPair;
  const pos = rowDots(u, left, right);
  const negL = rowDots(u, repeatEach(left, k), perPair.ofLeft).reshape([-1, k]) as tf.Tensor2D;
  const negR = rowDots(u, repeatEach(right, k), perPair.ofRight).reshape([-1, k]) as tf.Tensor2D;
  return normalizedHardLoss(pos, negL, lambda).add(normalizedHardLoss(pos, negR, lambda)).div(2) as tf.Scalar;
}

function repeatEach(ids: Int32Array, k: number): Int32Array {
  const out = new Int32Array(ids.length * k);
  for (let i = 0; i < ids.length; i++) out.fill(ids[i], i * k, (i + 1) * k);
  return out;
}

/** Entities per association-loss term. */
const ASSOCIATION_SAMPLE = 1024;

function subset(ids: Int32Array, size: number, seed: number): Int32Array {
  if (ids.length <= size) return ids;
  return new Rng(seed).shuffle(Int32Array.from(ids)).subarray(0, size);
}

/** [N, M] availability matrix from per-modality vectors. */
export function availableMatrix(available: Float32Array[], n: number): tf.Tensor2D {
  const m = available.length;
  const data = new Float32Array(n * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) data[i * m + j] = available[j][i];
  return tf.tensor2d(data, [n, m]);
}

function pairsWith(batch: StepBatch, ok: (e: number) => boolean): { left: Int32Array; right: Int32Array } {
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < batch.left.length; i++) {
    if (ok(batch.left[i]) && ok(batch.right[i])) {
      left.push(batch.left[i]);
      right.push(batch.right[i]);
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right) };
}
