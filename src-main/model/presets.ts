import type { ModelId } from '../shared/model-presets';
import type { ModelConfig } from './config';

/**
 * Each pickable model (shared/model-presets.ts) as a bundle of trainer options over the defaults. Everything a
 * bundle does not name is shared (encoders, freezing, association loss, alignment loss, evaluation), so the
 * ablation table compares exactly what differs. resolveConfig applies a bundle first, then the explicit options.
 */
export const MODEL_CONFIGS: Readonly<Record<ModelId, Readonly<Partial<ModelConfig>>>> = {
  // LoginMEA + PMF: the defaults (adaptive weights, low-rank fusion, relation-reflection GAT, freezing).
  loginmea: {},
  // MIMEA: probability-guided (Beta) fusion, optimal-transport modal alignment, modal-adaptive contrastive terms.
  mimea: { fusion: 'beta', otLoss: true, modalAdaptive: true },
  // CrossEA: the meta-path structural encoder. Its inference (intra- and cross-modal similarities apart, one
  // threshold per match kind) is what candidate generation always does (align/cross-modal-score.ts, thresholds).
  crossea: { structureEncoder: 'meta-path' },
  // MEAformer-style: a one-layer transformer over the modality tokens gives the per-entity weights.
  meaformer: { fusion: 'transformer' },
  // MCLEA: weighted concatenation with global weights, no entity-specific weights.
  mclea: { fusion: 'concat', adaptiveWeights: false },
};

/** The option bundle of a model (a copy, so callers may change it). */
export function presetConfig(id: ModelId): Partial<ModelConfig> {
  const bundle = MODEL_CONFIGS[id];
  if (!bundle) throw new RangeError(`training option out of range: model=${String(id)} (loginmea, mimea, crossea, meaformer, mclea)`);
  return { ...bundle };
}
