import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config';
import { modalAdaptiveLoss, type ModalView } from '../loss/modal-adaptive';
import { optimalTransportLoss } from '../loss/optimal-transport';
import type { AlignmentModel, ForwardOutput } from '../network';
import { gatherRows, l2Normalize } from '../ops';
import { Rng } from '../rng';
import type { StepBatch } from './step';

/** Entities per step in the optimal-transport term (a seeded sample of the batch's lefts and rights). */
export const OT_SAMPLE = 1024;

/**
 * The model variants' extra loss terms (issue 7), added to the batch's loss: MIMEA's optimal-transport modal
 * alignment (`otLoss`, weight `otWeight`) and modal-adaptive contrastive learning (`modalAdaptive`, weight
 * `modalAdaptiveWeight`). Returns `loss` itself when no variant term is on, so the default model is unchanged.
 * Called from trainer/step.ts's batchLoss inside the gradient scope; `out` is that step's forward pass.
 */
export function addVariantLosses(loss: tf.Scalar, model: AlignmentModel, config: ModelConfig, batch: StepBatch, out: ForwardOutput): tf.Scalar {
  const m = model.modalities.length;
  if (m === 0) return loss;
  let total = loss;
  if (config.otLoss && config.otWeight > 0 && out.fused) {
    const ids = sample(Int32Array.from(new Set([...batch.left, ...batch.right])), OT_SAMPLE, batch.dropoutSeed ^ 0x0f0f0f);
    const rows = tf.tensor1d(ids, 'int32');
    const mask = new Float32Array(ids.length * m);
    ids.forEach((e, r) => batch.available.forEach((a, j) => (mask[r * m + j] = a[e])));
    const ot = optimalTransportLoss(
      model.params,
      out.modal.map((h) => gatherRows(h, rows)),
      gatherRows(out.fused, rows),
      tf.tensor2d(mask, [ids.length, m]),
      config.sinkhornIterations,
      config.sinkhornEpsilon,
    );
    total = total.add(ot.mul(config.otWeight)) as tf.Scalar;
  }
  if (config.modalAdaptive && config.modalAdaptiveWeight > 0) {
    const views = out.modal.map((h, j) => view(h, batch, batch.available[j]));
    const adaptive = modalAdaptiveLoss(views, config.temperature);
    if (adaptive) total = total.add(adaptive.loss.mul(config.modalAdaptiveWeight)) as tf.Scalar;
  }
  return total;
}

/** A modality's unit vectors for the batch pairs where both sides have it available; null under two pairs. */
function view(h: tf.Tensor2D, batch: StepBatch, available: Float32Array): ModalView | null {
  const left: number[] = [];
  const right: number[] = [];
  batch.left.forEach((l, i) => {
    if (available[l] > 0 && available[batch.right[i]] > 0) {
      left.push(l);
      right.push(batch.right[i]);
    }
  });
  if (left.length < 2) return null;
  const rows = (ids: number[]): tf.Tensor2D => l2Normalize(gatherRows(h, tf.tensor1d(ids, 'int32')));
  return { left: rows(left), right: rows(right) };
}

function sample(ids: Int32Array, size: number, seed: number): Int32Array {
  if (ids.length <= size) return ids;
  return new Rng(seed).shuffle(Int32Array.from(ids)).subarray(0, size);
}
