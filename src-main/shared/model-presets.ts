/**
 * The alignment models a curator can pick (issue 7): each is a bundle of trainer options over the same encoders,
 * data and evaluation. Shared by the CLI (`mmea train --model`), the training view and the benchmarks; the option
 * bundles themselves live with the model (src-main/model/presets.ts) because the renderer must not import it.
 */
export const MODEL_IDS = ['loginmea', 'mimea', 'crossea', 'meaformer', 'mclea'] as const;

/**
 * The app's default model, chosen from the measured side-by-side table (README, docs/BENCHMARKS.md "Models side by
 * side"); the CLI, the training view's defaults and the picker's order follow it.
 */
export const DEFAULT_MODEL = 'loginmea' satisfies (typeof MODEL_IDS)[number];

/** One of the pickable models. */
export type ModelId = (typeof MODEL_IDS)[number];

/** What the picker shows for a model. `cost` is filled from the measured ablation table (docs/MODELS.md). */
export interface ModelPresetInfo {
  id: ModelId;
  label: string;
  /** One or two sentences: what the model does differently and when to choose it. */
  description: string;
  /**
   * Measured cost and accuracy from `npm run bench -- --only models` (10 epochs, d = 32, wasm, 2026-11-22, load 2-4;
   * README "Models"); '' until measured.
   */
  cost: string;
}

/** The picker's list, in display order; the first is the app's default. */
export const MODEL_PRESETS: readonly ModelPresetInfo[] = [
  {
    id: 'loginmea',
    label: 'LoginMEA + PMF',
    description: 'Entity-specific adaptive modality weights, rank-8 low-rank interactive fusion and relation-reflection graph attention, with progressive modality freezing. The general-purpose default.',
    cost: 'DBP15K, d=32: 6.0 s/epoch, 1.7 GB, H@1 0.299',
  },
  {
    id: 'mimea',
    label: 'MIMEA',
    description: 'Probability-guided fusion: each modality weight is a Beta distribution, so the model also says how sure it is of each modality (shown in review). Adds optimal-transport modal alignment and modal-adaptive contrastive weighting.',
    cost: 'DBP15K, d=32: 6.7 s/epoch, 2.0 GB, H@1 0.186',
  },
  {
    id: 'crossea',
    label: 'CrossEA',
    description: 'Meta-path structural encoder for graphs whose images are nodes: neighbours grouped by the text/image kinds along the path, hops combined with a decaying weight. Choose it when images are entities.',
    cost: 'DBP15K, d=32: 5.9 s/epoch, 1.8 GB, H@1 0.316',
  },
  {
    id: 'meaformer',
    label: 'MEAformer',
    description: 'A one-layer transformer over the modality tokens gives per-entity weights: between global weights and LoginMEA adaptive weights.',
    cost: 'DBP15K, d=32: 5.2 s/epoch, 1.8 GB, H@1 0.180',
  },
  {
    id: 'mclea',
    label: 'MCLEA (concatenation)',
    description: 'Weighted concatenation of the modality vectors with global weights: the simplest fusion, fast, a baseline.',
    cost: 'DBP15K, d=32: 4.9 s/epoch, 1.5 GB, H@1 0.219',
  },
];

/** The preset for an id; throws on an unknown id (callers validate user input with isModelId first). */
export function modelPreset(id: ModelId): ModelPresetInfo {
  const p = MODEL_PRESETS.find((x) => x.id === id);
  if (!p) throw new RangeError(`unknown model: ${id}`);
  return p;
}

/** Whether a string names a pickable model. */
export function isModelId(s: string): s is ModelId {
  return (MODEL_IDS as readonly string[]).includes(s);
}

/** What the picker and `mmea models` show for a model's cost: the measured figure, never an estimate. */
export const COST_NOT_MEASURED = 'not measured yet';

/** A preset's cost for display: its measured figure, or COST_NOT_MEASURED while the table has none. */
export function costText(preset: Pick<ModelPresetInfo, 'cost'>): string {
  return preset.cost.trim() || COST_NOT_MEASURED;
}
