import type { TrainingOptions } from '../shared/dto';
import { presetConfig } from './presets';
import type { PairMatch } from './probation';

/** A content modality that goes through an encoder (structure is the learnable embedding, not an encoder input). */
export type FeatureModality = 'relation' | 'attribute' | 'image' | 'name';

/** Every knob of the model and trainer; docs/MODEL-OPTIONS.md lists each with its default, range and unit. */
export interface ModelConfig {
  epochs: number;
  learningRate: number;
  weightDecay: number;
  warmupEpochs: number;
  batchSize: number;
  dim: number;
  gatLayers: number;
  fusion: 'low-rank' | 'concat' | 'beta' | 'transformer';
  fusionRank: number;
  fusionHeads: number;
  fusionKeyDim: number;
  structureEncoder: 'reflection-gat' | 'meta-path';
  hopDecay: number;
  adaptiveWeights: boolean;
  reflection: boolean;
  dropout: number;
  temperature: number;
  negatives: number;
  alignLoss: 'hard-sample' | 'info-nce';
  minedNegatives: number;
  randomNegatives: number;
  lossLambda: number;
  mineEvery: number;
  namePrior: boolean;
  /** The attribute bag, idf-weighted, fused late with the learned vector (late-fusion.ts). */
  attributePrior: boolean;
  /** Seed-label propagation fused late with the learned vector (label-propagation.ts, late-fusion.ts). */
  structurePrior: boolean;
  priorLabelDim: number;
  priorDepth: number;
  priorRelationDim: number;
  priorBlockDim: number;
  /** Per-graph standardisation of the learned vector, the propagated labels and the attribute bag before ranking (standardize.ts). */
  standardize: boolean;
  modalityLosses: boolean;
  freezing: boolean;
  freezeStart: number;
  freezeSample: number;
  associationLoss: boolean;
  associationWeight: number;
  otLoss: boolean;
  otWeight: number;
  sinkhornIterations: number;
  sinkhornEpsilon: number;
  modalAdaptive: boolean;
  modalAdaptiveWeight: number;
  iterative: boolean;
  iterativeStart: number;
  iterativeEvery: number;
  iterativeChecks: number;
  /** Rounds of propagation-only pseudo-labelling after the last epoch (iterative training with propagation). */
  iterativeFinalRounds: number;
  /** Final rounds pair every candidate afresh (accepted pseudo-seeds included) instead of adding pairs among the unpaired. */
  iterativeFinalRematch: boolean;
  /** How probation pairs candidates: mutual nearest by cosine or CSLS (k = 3), or mutual argmax after Sinkhorn scaling. */
  iterativeMatch: PairMatch;
  hardNegatives: boolean;
  evalEvery: number;
  csls: boolean;
  modalities: FeatureModality[];
  seed: number;
}

/** Defaults: the spec's values (MODEL.md) where it gives them, otherwise what measured best on DBP15K (BENCHMARKS.md). */
export const DEFAULT_CONFIG: Readonly<ModelConfig> = {
  epochs: 200,
  learningRate: 0.005,
  weightDecay: 0.01,
  warmupEpochs: 5,
  batchSize: 3500,
  dim: 300,
  gatLayers: 2,
  fusion: 'low-rank',
  fusionRank: 8,
  fusionHeads: 2,
  fusionKeyDim: 16,
  structureEncoder: 'reflection-gat',
  hopDecay: 0.8,
  adaptiveWeights: true,
  reflection: true,
  dropout: 0.3,
  temperature: 0.1,
  negatives: 1024,
  alignLoss: 'info-nce',
  minedNegatives: 32,
  randomNegatives: 32,
  lossLambda: 30,
  mineEvery: 5,
  namePrior: true,
  attributePrior: true,
  structurePrior: true,
  priorLabelDim: 256,
  priorDepth: 2,
  priorRelationDim: 64,
  priorBlockDim: 16,
  standardize: true,
  modalityLosses: false,
  freezing: true,
  freezeStart: 10,
  freezeSample: 1024,
  associationLoss: true,
  associationWeight: 0.1,
  otLoss: false,
  otWeight: 0.1,
  sinkhornIterations: 10,
  sinkhornEpsilon: 0.1,
  modalAdaptive: false,
  modalAdaptiveWeight: 0.5,
  iterative: false,
  iterativeStart: 20,
  iterativeEvery: 5,
  iterativeChecks: 10,
  iterativeFinalRounds: 2,
  iterativeFinalRematch: true,
  iterativeMatch: 'sinkhorn',
  hardNegatives: true,
  evalEvery: 5,
  csls: true,
  modalities: ['relation', 'attribute', 'image', 'name'],
  seed: 1,
};

/**
 * The curator's options (shared/dto.ts) merged over the defaults, plus any expert overrides; validated. When
 * `options.model` names a model, its bundle (presets.ts) comes first, then the explicit options, then the overrides.
 */
export function resolveConfig(options: TrainingOptions = {}, overrides: Partial<ModelConfig> = {}): ModelConfig {
  const c: ModelConfig = { ...DEFAULT_CONFIG, ...(options.model ? presetConfig(options.model) : {}), modalities: [...DEFAULT_CONFIG.modalities] };
  if (options.epochs !== undefined) c.epochs = options.epochs;
  if (options.learningRate !== undefined) c.learningRate = options.learningRate;
  if (options.batchSize !== undefined) c.batchSize = options.batchSize;
  if (options.dim !== undefined) c.dim = options.dim;
  if (options.gatLayers !== undefined) c.gatLayers = options.gatLayers;
  if (options.fusion !== undefined) c.fusion = options.fusion;
  if (options.adaptiveWeights !== undefined) c.adaptiveWeights = options.adaptiveWeights;
  if (options.reflection !== undefined) c.reflection = options.reflection;
  if (options.freezing !== undefined) c.freezing = options.freezing;
  if (options.associationLoss !== undefined) c.associationLoss = options.associationLoss;
  if (options.iterative !== undefined) c.iterative = options.iterative;
  if (options.useDecisions !== undefined) c.hardNegatives = options.useDecisions;
  if (options.csls !== undefined) c.csls = options.csls;
  if (options.seed !== undefined) c.seed = options.seed;
  const drop = (m: FeatureModality, on: boolean | undefined): void => {
    if (on === false) c.modalities = c.modalities.filter((x) => x !== m);
  };
  drop('name', options.useNames);
  drop('image', options.useImages);
  drop('attribute', options.useAttributes);
  Object.assign(c, overrides);
  validate(c);
  return c;
}

function validate(c: ModelConfig): void {
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new RangeError(`training option out of range: ${what}`);
  };
  check(Number.isInteger(c.epochs) && c.epochs >= 1 && c.epochs <= 100_000, `epochs=${c.epochs} (1..100000)`);
  check(c.learningRate > 0 && c.learningRate <= 1, `learningRate=${c.learningRate} (0..1]`);
  check(c.weightDecay >= 0 && c.weightDecay < 1, `weightDecay=${c.weightDecay} [0..1)`);
  check(Number.isInteger(c.batchSize) && c.batchSize >= 2, `batchSize=${c.batchSize} (>= 2)`);
  check(Number.isInteger(c.dim) && c.dim >= 4 && c.dim <= 2048, `dim=${c.dim} (4..2048)`);
  check(Number.isInteger(c.gatLayers) && c.gatLayers >= 0 && c.gatLayers <= 4, `gatLayers=${c.gatLayers} (0..4)`);
  check(Number.isInteger(c.fusionRank) && c.fusionRank >= 1 && c.fusionRank <= 64, `fusionRank=${c.fusionRank} (1..64)`);
  check(['low-rank', 'concat', 'beta', 'transformer'].includes(c.fusion), `fusion=${c.fusion} (low-rank, concat, beta, transformer)`);
  check(Number.isInteger(c.fusionHeads) && c.fusionHeads >= 1 && c.fusionHeads <= 8, `fusionHeads=${c.fusionHeads} (1..8)`);
  check(Number.isInteger(c.fusionKeyDim) && c.fusionKeyDim >= 2 && c.fusionKeyDim <= 128, `fusionKeyDim=${c.fusionKeyDim} (2..128)`);
  check(['reflection-gat', 'meta-path'].includes(c.structureEncoder), `structureEncoder=${c.structureEncoder} (reflection-gat, meta-path)`);
  check(c.hopDecay > 0 && c.hopDecay < 1, `hopDecay=${c.hopDecay} (0..1)`);
  check(c.otWeight >= 0 && Number.isFinite(c.otWeight), `otWeight=${c.otWeight} (>= 0)`);
  check(Number.isInteger(c.sinkhornIterations) && c.sinkhornIterations >= 1 && c.sinkhornIterations <= 200, `sinkhornIterations=${c.sinkhornIterations} (1..200)`);
  check(c.sinkhornEpsilon >= 0.001 && c.sinkhornEpsilon <= 10, `sinkhornEpsilon=${c.sinkhornEpsilon} [0.001..10]`);
  check(c.modalAdaptiveWeight >= 0 && Number.isFinite(c.modalAdaptiveWeight), `modalAdaptiveWeight=${c.modalAdaptiveWeight} (>= 0)`);
  check(c.dropout >= 0 && c.dropout < 1, `dropout=${c.dropout} [0..1)`);
  check(c.temperature > 0 && c.temperature <= 10, `temperature=${c.temperature} (0..10]`);
  check(Number.isInteger(c.negatives) && c.negatives >= 0, `negatives=${c.negatives} (>= 0)`);
  check(c.alignLoss === 'hard-sample' || c.alignLoss === 'info-nce', `alignLoss=${String(c.alignLoss)} (hard-sample | info-nce)`);
  check(Number.isInteger(c.minedNegatives) && c.minedNegatives >= 0 && c.minedNegatives <= 1024, `minedNegatives=${c.minedNegatives} (0..1024)`);
  check(Number.isInteger(c.randomNegatives) && c.randomNegatives >= 0 && c.randomNegatives <= 1024, `randomNegatives=${c.randomNegatives} (0..1024)`);
  check(c.alignLoss !== 'hard-sample' || c.minedNegatives + c.randomNegatives >= 2, 'minedNegatives + randomNegatives >= 2 for the hard-sample loss');
  check(c.lossLambda > 0 && c.lossLambda <= 1000, `lossLambda=${c.lossLambda} (0..1000]`);
  check(Number.isInteger(c.mineEvery) && c.mineEvery >= 1, `mineEvery=${c.mineEvery} (>= 1)`);
  check(Number.isInteger(c.priorLabelDim) && c.priorLabelDim >= 8 && c.priorLabelDim <= 4096, `priorLabelDim=${c.priorLabelDim} (8..4096)`);
  check(Number.isInteger(c.priorDepth) && c.priorDepth >= 0 && c.priorDepth <= 4, `priorDepth=${c.priorDepth} (0..4)`);
  check(Number.isInteger(c.priorRelationDim) && c.priorRelationDim >= 1 && c.priorRelationDim <= 512, `priorRelationDim=${c.priorRelationDim} (1..512)`);
  check(Number.isInteger(c.priorBlockDim) && c.priorBlockDim >= 1 && c.priorBlockDim <= 64, `priorBlockDim=${c.priorBlockDim} (1..64)`);
  check(Number.isInteger(c.evalEvery) && c.evalEvery >= 1, `evalEvery=${c.evalEvery} (>= 1)`);
  check(Number.isInteger(c.iterativeEvery) && c.iterativeEvery >= 1, `iterativeEvery=${c.iterativeEvery} (>= 1)`);
  check(Number.isInteger(c.iterativeChecks) && c.iterativeChecks >= 1, `iterativeChecks=${c.iterativeChecks} (>= 1)`);
  check(['cosine', 'csls', 'sinkhorn'].includes(c.iterativeMatch), `iterativeMatch=${String(c.iterativeMatch)} (cosine, csls, sinkhorn)`);
  check(Number.isInteger(c.iterativeFinalRounds) && c.iterativeFinalRounds >= 0 && c.iterativeFinalRounds <= 10, `iterativeFinalRounds=${c.iterativeFinalRounds} (0..10)`);
}
