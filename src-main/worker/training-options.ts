import { DEFAULT_CONFIG, resolveConfig, type ModelConfig } from '../model/config';
import { DEFAULT_TRAIN_RATIO, DEFAULT_VALID_RATIO } from '../features/splits';
import { presetConfig } from '../model/presets';
import type { TrainingOptions } from '../shared/dto';
import { DEFAULT_MODEL, type ModelId } from '../shared/model-presets';
import { AppError } from '../shared/errors';

/**
 * The options a curator starts from in the app: the model's defaults, plus what suits a curator's project rather
 * than a benchmark run (names on, decisions used as seeds and hard negatives). The CLI starts from
 * BENCHMARK_OVERRIDES instead. Imports no TF.js (model/config is plain data), so the main process may use it.
 */
export function trainingDefaults(): Required<TrainingOptions> {
  return {
    model: DEFAULT_MODEL,
    epochs: DEFAULT_CONFIG.epochs,
    learningRate: DEFAULT_CONFIG.learningRate,
    batchSize: DEFAULT_CONFIG.batchSize,
    dim: DEFAULT_CONFIG.dim,
    gatLayers: DEFAULT_CONFIG.gatLayers,
    fusion: DEFAULT_CONFIG.fusion,
    adaptiveWeights: DEFAULT_CONFIG.adaptiveWeights,
    reflection: DEFAULT_CONFIG.reflection,
    freezing: DEFAULT_CONFIG.freezing,
    associationLoss: DEFAULT_CONFIG.associationLoss,
    iterative: DEFAULT_CONFIG.iterative,
    useNames: true,
    useImages: true,
    useAttributes: true,
    useDecisions: true,
    csls: DEFAULT_CONFIG.csls,
    seed: DEFAULT_CONFIG.seed,
    trainRatio: DEFAULT_TRAIN_RATIO,
    validRatio: DEFAULT_VALID_RATIO,
  };
}

/**
 * The defaults a request is completed with: trainingDefaults() minus every option the chosen model's bundle sets,
 * so a request for MIMEA is not turned back into LoginMEA by the echoed default fusion (the curator's explicit
 * options still win, as resolveConfig applies them after the bundle).
 */
export function requestDefaults(model?: ModelId): TrainingOptions {
  const d: Record<string, unknown> = { ...trainingDefaults() };
  if (model) for (const key of Object.keys(presetConfig(model))) delete d[key];
  return d as TrainingOptions;
}

/** What makes a run comparable with the published figures (MODEL.md): no names, no curator decisions, no CSLS. */
export const BENCHMARK_OVERRIDES: Readonly<TrainingOptions> = { useNames: false, useDecisions: false, csls: false };

/** The model configuration for a set of options; out-of-range values become BAD_INPUT naming the option. */
export function modelConfigOf(options: TrainingOptions): ModelConfig {
  try {
    return resolveConfig(options);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('BAD_INPUT', error.message, { cause: error });
    throw error;
  }
}
