import * as tf from '@tensorflow/tfjs';
import { matMulT } from '../ops';
import { infoNce } from './info-nce';

/** Seed pairs per modality whose in-batch ranking measures the modality's quality (a [S, S] product, S <= this). */
export const QUALITY_SAMPLE = 512;

/** Added to every modality's quality before normalising: a modality that ranks nothing right still learns a little. */
export const QUALITY_FLOOR = 0.1;

/** Scores within this of the partner's count as ties (cosines of unit float32 vectors: ~1e-7 noise). */
const TIE_TOLERANCE = 1e-5;

/** One modality's view of the batch pairs: unit rows, row i of `left` and of `right` are a seed pair. */
export interface ModalView {
  left: tf.Tensor2D;
  right: tf.Tensor2D;
}

/**
 * In-batch mean reciprocal rank of the true partner, left to right, over the first QUALITY_SAMPLE pairs (the
 * batches are shuffled, so the first rows are a random sample): a number in (0, 1], read back to the host, no
 * gradient. MRR rather than Hits@1 because it still moves when no partner is ranked first yet (early epochs).
 */
export function inBatchMrr(view: ModalView): number {
  const t = tf.tidy(() => {
    const s = Math.min(QUALITY_SAMPLE, view.left.shape[0]);
    const l = view.left.slice([0, 0], [s, -1]) as tf.Tensor2D;
    const r = view.right.slice([0, 0], [s, -1]) as tf.Tensor2D;
    const sim = matMulT(l, r); // [S, S]
    const pos = l.mul(r).sum(1, true); // [S, 1]
    // rank = how many candidates (the partner included) score at least the partner's score, less a tolerance:
    // ties count against the modality (all-equal vectors rank last, not first), and the tolerance makes the count
    // the same on every backend despite last-bit differences between the product and the row dot.
    return sim.greater(pos.sub(TIE_TOLERANCE)).cast('float32').sum(1).maximum(1).reciprocal().mean();
  });
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** Normalised weights from qualities: (q_m + floor) / sum (q + floor); they sum to 1. */
export function adaptiveWeights(qualities: number[]): number[] {
  const shifted = qualities.map((q) => q + QUALITY_FLOOR);
  const total = shifted.reduce((a, b) => a + b, 0);
  return shifted.map((q) => q / total);
}

/**
 * MIMEA's modal-adaptive contrastive learning: a symmetric InfoNCE per modality over the batch's seed pairs
 * (loss/info-nce.ts, in-batch negatives), combined with weights that follow each modality's current alignment
 * quality on those seeds (in-batch MRR, computed without gradient). Views may be null (a modality with fewer than
 * two usable pairs in the batch): they get no term and no weight. Returns null when no modality has a term.
 *
 * Why stronger modalities weigh more: the abstract says only that the module "distinguishes the embeddings of
 * equivalent entities from those of non-equivalent ones, for each modality" and is modal-adaptive, while the
 * paper's premise is "modal heterogeneity" and its fusion is probability-guided (trust where the evidence is). We
 * read the adaptation the same way: a modality that already separates seed partners gives a contrastive signal
 * whose negatives are informative, whereas a heterogeneous one (images unrelated to the entity, sparse attributes)
 * mostly pushes noise apart, so it weighs less; QUALITY_FLOOR keeps it learning so it can recover.
 */
export function modalAdaptiveLoss(views: (ModalView | null)[], temperature: number): { loss: tf.Scalar; weights: number[]; quality: number[] } | null {
  const used = views.map((v, i) => ({ v, i })).filter((x): x is { v: ModalView; i: number } => x.v !== null);
  if (used.length === 0) return null;
  const quality = views.map((v) => (v ? inBatchMrr(v) : 0));
  const w = adaptiveWeights(used.map((x) => quality[x.i]));
  const weights = views.map(() => 0);
  used.forEach((x, k) => (weights[x.i] = w[k]));
  const loss = tf.tidy(() => tf.addN(used.map((x, k) => infoNce(x.v.left, x.v.right, temperature).mul(w[k]))) as tf.Scalar);
  return { loss, weights, quality };
}
