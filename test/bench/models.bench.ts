/**
 * Every model and every LoginMEA ablation side by side (issue 7): `npm run bench -- --only models`. Each row trains
 * in its own child process (train-child.ts, wasm, its own peak RSS) with the same seed (1), the same 30% train split
 * and the same validation carve-out, under one fixed budget per dataset (MMEA_MODELS_EPOCHS, MMEA_MODELS_DIM):
 * - DBP15K zh_en (structure + relation bag) and OpenEA EN-FR-15K-V1 (structure + relation bag + attribute bag), no
 *   names, no images: the five models, then LoginMEA without low-rank fusion, adaptive weights, reflection,
 *   freezing, each content modality and the graph (gatLayers 0: no neighbour aggregation in either stack);
 * - the generated image-node graphs (cross-modal.bench.ts's settings): the five models, then candidates as the
 *   app makes them, per-kind thresholds chosen on the validation gold, P/R/F1 per kind on the test gold.
 * H@1/H@10/MRR: test lefts ranked among the test rights by cosine (image-node graphs: the text-text test pairs).
 * After the tables: "default by mean H@1: <model>" (mean over DBP15K zh_en and OpenEA), the app's default by
 * evidence (README, docs/BENCHMARKS.md).
 * MMEA_BENCH_JOBS=2 runs two children at once (the timings are then shared, and the output says so).
 */
import { join } from 'node:path';
import type { ModelConfig } from '../../src-main/model/config';
import { MODEL_IDS, type ModelId } from '../../src-main/shared/model-presets';
import { SHARED_DIR, sharedDataset } from '../helpers/shared-data';
import { CROSS_MODAL_SETTINGS } from './cross-modal.bench';
import { bundle, runChild, skipped, type Benchmark, type BenchRow } from './harness';
import type { TrainSpec } from './train-child';

/** Budget defaults, sized so the whole command takes about 35 minutes on the idle 2-core machine (BENCHMARKS.md). */
const DEFAULT_EPOCHS = 10;
const DEFAULT_DIM = 32;

interface Dataset {
  label: string;
  /** Under ../shared/datasets. */
  path: string;
  goldFile: string;
  attributes: boolean;
  image: boolean;
}

const DBP: Dataset = { label: 'DBP15K zh_en', path: 'dbp15k/zh_en', goldFile: 'ill_ent_ids', attributes: false, image: false };
const OPENEA: Dataset = { label: 'OpenEA EN-FR-15K-V1', path: 'openea/OEA_EN_FR_15K_V1', goldFile: 'ref_ent_ids', attributes: true, image: false };
const IMAGE: Dataset = { label: 'image-node graphs', path: 'dbp15k/zh_en', goldFile: 'ill_ent_ids', attributes: false, image: true };

interface ChildResult {
  status: string;
  seconds: number;
  secondsPerEpoch: number;
  epochs: number;
  bestEpoch: number | null;
  hits1: number;
  hits10: number;
  mrr: number;
  maxRssMB: number;
  kinds?: Record<string, number>;
}

/** An integer from the environment within [min, max], or the default; anything else is an error, not a guess. */
function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name}=${raw}: expected an integer ${min}..${max}`);
  return v;
}

/** The training budget shared by every row: one full-batch step per epoch, as in train.bench.ts. */
export function modelsBudget(): Partial<ModelConfig> {
  const epochs = envInt('MMEA_MODELS_EPOCHS', DEFAULT_EPOCHS, 1, 1000);
  return {
    epochs, dim: envInt('MMEA_MODELS_DIM', DEFAULT_DIM, 4, 512), batchSize: 4096, learningRate: 0.01,
    warmupEpochs: Math.min(3, Math.floor(epochs / 4)), evalEvery: Math.max(1, Math.ceil(epochs / 4)), seed: 1,
    // The default start (epoch 10 of 200) would leave freezing out of a short budget, and the "- freezing" row
    // would then measure nothing: start it at the same share of the budget's epochs instead (3 of 10).
    freezeStart: Math.max(1, Math.ceil(epochs * 0.3)),
    // The rows compare the learned models, so the seed-label propagation (fused late, the same for every model)
    // stays out of this table; train.bench.ts measures it.
    structurePrior: false,
  };
}

const jobs = (): number => envInt('MMEA_BENCH_JOBS', 1, 1, 2);

let child: Promise<string> | null = null;
const script = () => (child ??= bundle('test/bench/train-child.ts', 'train-child'));

/** Whether each dataset folder exists, asked once (sharedDataset prints why a row is skipped). */
const present = new Map<string, string | null>();
const datasetDir = (d: Dataset): string | null => {
  if (!present.has(d.path)) present.set(d.path, sharedDataset(d.path));
  return present.get(d.path)!;
};

/** Rows by name, kept for the default line printed after the tables. */
const results = new Map<string, { dataset: Dataset; model: ModelId | null; row: BenchRow }>();

async function measure(d: Dataset, label: string, model: ModelId, overrides: Partial<ModelConfig>): Promise<BenchRow> {
  const dir = datasetDir(d);
  if (!dir) return { dataset: d.label, 'model / ablation': label, ...skipped(join(SHARED_DIR, 'datasets', d.path)) };
  const spec: TrainSpec = {
    dir, goldFile: d.goldFile, names: null, attributes: d.attributes, trainRatio: 0.3, model,
    overrides: { ...modelsBudget(), ...overrides }, ...(d.image ? { imageGraphs: CROSS_MODAL_SETTINGS } : {}),
  };
  const r = await runChild<ChildResult>(await script(), [JSON.stringify(spec)]);
  return {
    dataset: d.label, 'model / ablation': label, ...(r.status === 'done' ? {} : { status: r.status }),
    epochs: r.epochs, 'best epoch': r.bestEpoch ?? '-', 's/epoch': r.secondsPerEpoch, 'total s': r.seconds,
    'peak RSS MB': Math.round(r.maxRssMB), 'H@1': r.hits1, 'H@10': r.hits10, MRR: r.mrr, ...(r.kinds ?? {}),
  };
}

/** Started rows by name: with MMEA_BENCH_JOBS=2 the next selected row starts while run.ts awaits this one. */
const started = new Map<string, Promise<BenchRow>>();

function launch(name: string, d: Dataset, label: string, model: ModelId, overrides: Partial<ModelConfig>): Promise<BenchRow> {
  let p = started.get(name);
  if (!p) {
    p = measure(d, label, model, overrides);
    started.set(name, p);
    p.then((row) => results.set(name, { dataset: d, model: label === model ? model : null, row }), () => undefined);
  }
  return p;
}

interface RowDef {
  name: string;
  start(): Promise<BenchRow>;
}

const defs: RowDef[] = [];

function add(d: Dataset, label: string, model: ModelId, overrides: Partial<ModelConfig> = {}): void {
  const name = `${d.label}: ${label}`;
  defs.push({ name, start: () => launch(name, d, label, model, overrides) });
}

/** The content modalities of a dataset minus one (the trainer keeps only those the data has). */
const without = (m: 'relation' | 'attribute'): Partial<ModelConfig> => ({ modalities: (['relation', 'attribute', 'image', 'name'] as const).filter((x) => x !== m) });

for (const d of [DBP, OPENEA]) {
  for (const id of MODEL_IDS) add(d, id, id);
  add(d, 'loginmea - low-rank fusion (concat)', 'loginmea', { fusion: 'concat' });
  add(d, 'loginmea - adaptive weights', 'loginmea', { adaptiveWeights: false });
  add(d, 'loginmea - reflection (plain GAT)', 'loginmea', { reflection: false });
  add(d, 'loginmea - freezing', 'loginmea', { freezing: false });
  add(d, 'loginmea - relation', 'loginmea', without('relation'));
  if (d.attributes) add(d, 'loginmea - attribute', 'loginmea', without('attribute'));
  add(d, 'loginmea - graph (gatLayers 0)', 'loginmea', { gatLayers: 0 });
}
for (const id of MODEL_IDS) add(IMAGE, id, id);

/** The rows run.ts will call, by its own rule (`--only` matches the file name or the benchmark name). */
function selected(): RowDef[] {
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? process.argv[at + 1] : undefined;
  return defs.filter((r) => !only || 'models.bench.ts'.includes(only) || r.name.includes(only));
}

let noted = false;

export const benchmarks: Benchmark[] = defs.map((def) => ({
  name: def.name,
  run() {
    if (!noted) {
      noted = true;
      const b = modelsBudget();
      console.log(`models: ${b.epochs} epochs, d = ${b.dim}, seed 1, 30% train seeds; ${jobs() > 1 ? `${jobs()} runs at once: timings are shared` : 'one run at a time'}`);
      process.once('beforeExit', () => console.log(`\n${defaultLine()}`));
    }
    const order = selected();
    const i = order.indexOf(def);
    // Start the next rows too (at most `jobs` children at once): run.ts awaits one row at a time.
    for (const next of order.slice(i + 1, i + jobs())) void next.start().catch(() => undefined);
    return def.start();
  },
}));

/**
 * "default by mean H@1: <model>" from the model rows (not the ablations): the model with the best H@1 averaged over
 * the two real benchmarks, DBP15K zh_en and OpenEA EN-FR-15K-V1 (one dataset is one graph pair's quirks; the mean
 * rewards a model that holds up on both), on a line of its own so a script can read it; what it rests on follows.
 */
export function defaultLine(): string {
  const h1 = new Map<ModelId, number[]>();
  for (const r of results.values()) {
    if ((r.dataset !== DBP && r.dataset !== OPENEA) || !r.model || typeof r.row['H@1'] !== 'number') continue;
    h1.set(r.model, [...(h1.get(r.model) ?? []), r.row['H@1']]);
  }
  const complete = [...h1.entries()].filter(([, v]) => v.length === 2).map(([m, v]) => ({ model: m, mean: (v[0] + v[1]) / 2 }));
  if (!complete.length) return 'default by mean H@1: n/a\n(needs each model on both DBP15K zh_en and OpenEA EN-FR-15K-V1: a dataset was absent or --only left rows out)';
  complete.sort((a, b) => b.mean - a.mean);
  const shared = jobs() > 1 ? '; timings shared (MMEA_BENCH_JOBS=2)' : '';
  const ranking = complete.map((c) => `${c.model} ${c.mean.toFixed(3)}`).join(', ');
  return `default by mean H@1: ${complete[0].model}\n(mean of DBP15K zh_en and OpenEA EN-FR-15K-V1 test H@1: ${ranking}${shared})`;
}
