import type { TrainingProgress } from '../../shared/progress';
import type { Modality } from '../../shared/model';
import type { FeatureModality, ModelConfig } from '../config';
import type { RankMetrics } from '../evaluate';

/** One epoch in the training log. */
export interface EpochLog {
  epoch: number;
  loss: number;
  /** Validation ranking (valid-left against every KG2 entity outside the training seeds), when it ran. */
  hits1: number | null;
  hits10: number | null;
  mrr: number | null;
  seconds: number;
  /** Pseudo-seeds accepted so far (iterative training). */
  pseudoSeeds: number;
}

/** Progress as the trainer reports it; the worker adds its job id. */
export type TrainProgress = Omit<TrainingProgress, 'jobId'>;

export interface TrainHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Checked between batches: when aborted, training stops cleanly and reports 'cancelled'. */
  signal?: AbortSignal;
}

/** The late-fusion shares of the extra views (the learned vector has the rest); null = the view was off. */
export interface LateShares {
  propagation: number | null;
  names: number | null;
  attributes: number | null;
}

/** What training returns: arrays only. */
export interface TrainResult {
  status: 'done' | 'cancelled';
  backend: string;
  config: ModelConfig;
  /** Final entity vectors of the best checkpoint, row-major [numEntities x dim] (empty if cancelled before any). */
  embeddings: Float32Array;
  dim: number;
  /** Per-modality vectors of the same checkpoint, for review evidence (structure, relation, attribute, image, name). */
  modalities: Partial<Record<Modality, { dim: number; data: Float32Array }>>;
  /** Per content modality, Uint8 [numEntities]: 1 = frozen by the model (PMF) for that entity. */
  frozen: Partial<Record<FeatureModality, Uint8Array>>;
  /**
   * MIMEA only (Beta fusion): per entity, the standard deviation of each modality's Beta weight at the best
   * checkpoint, row-major [numEntities x modalities.length]; absent for every other model.
   */
  modalityUncertainty?: { modalities: FeatureModality[]; values: Float32Array };
  bestEpoch: number | null;
  /** Late fusion shares picked on validation (late-fusion.ts): the names', the propagated labels' and the attributes' (0 = not used by the best checkpoint), null when the view was off. */
  nameWeight: number | null;
  priorWeight: number | null;
  attributeWeight: number | null;
  valid: RankMetrics | null;
  log: EpochLog[];
  /** Pseudo-seeds found by iterative training, flat [left, right, ...]. */
  pseudoSeeds: Int32Array;
  seconds: number;
}
