/**
 * Child process for train.bench.ts and models.bench.ts: loads one id-layout dataset (or the generated image-node
 * graphs cut from one), trains on wasm, evaluates the test split, and prints one JSON line (seconds per epoch,
 * peak RSS, metrics; P/R/F1 per match kind on image-node graphs). Run in its own process so peak memory is its own.
 * Usage: node train-child.cjs '<json spec>'; SIGTERM ends training early and reports the best checkpoint so far.
 */
import { selectBackend } from '../../src-main/model/backend';
import type { ModelConfig } from '../../src-main/model/config';
import { evaluatePairs } from '../../src-main/model/evaluate';
import { tfKernel } from '../../src-main/model/tf-kernel';
import { train } from '../../src-main/model/trainer/train';
import type { ModelId } from '../../src-main/shared/model-presets';
import type { CrossModalOptions } from './lib/cross-modal-graphs';
import { loadIdLayout } from './lib/id-layout';
import { imageNodeData, imageNodeScores } from './lib/image-node-training';

export interface TrainSpec {
  dir: string;
  goldFile: string;
  names: string | null;
  attributes: boolean;
  trainRatio: number;
  overrides: Partial<ModelConfig>;
  /** A pickable model: its option bundle (model/presets.ts) goes under `overrides`; absent = the trainer defaults. */
  model?: ModelId;
  /**
   * Iterative training proposes pseudo-seeds among every entity (a curator's project) instead of the gold pairs'
   * entities (the candidate pool of the published iterative figures); default false.
   */
  openPool?: boolean;
  /** Train on the image-node graphs generated from `dir` (a DBP15K folder) with these settings instead. */
  imageGraphs?: CrossModalOptions;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as TrainSpec;
  const backend = await selectBackend((process.env.MMEA_BENCH_BACKEND as 'wasm' | undefined) ?? 'wasm');
  const image = spec.imageGraphs ? imageNodeData(spec.dir, spec.imageGraphs) : null;
  const data = image?.data ?? loadIdLayout(spec.dir, {
    trainRatio: spec.trainRatio, validFraction: 0.1, seed: 1, relationBag: true, attributes: spec.attributes,
    names: spec.names, goldFile: spec.goldFile, topK: 1000, nameDims: 1024,
  });
  if (spec.openPool) delete data.alignable;
  const started = Date.now();
  // SIGTERM stops training cleanly between batches; the best checkpoint so far is still evaluated and reported.
  const controller = new AbortController();
  process.on('SIGTERM', () => controller.abort());
  const res = await train(data, spec.model ? { model: spec.model } : {}, {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.valid) process.stderr.write(`epoch ${p.epoch}: loss ${p.loss.toFixed(4)} valid H@1 ${p.valid.hits1.toFixed(3)} (${p.elapsedSeconds.toFixed(0)} s)\n`);
    },
  }, spec.overrides);
  const seconds = (Date.now() - started) / 1000;
  const exclude = new Set<number>();
  for (let i = 1; i < data.pairs.train.length; i += 2) exclude.add(data.pairs.train[i]);
  for (let i = 1; i < data.pairs.valid.length; i += 2) exclude.add(data.pairs.valid[i]);
  const plain = evaluatePairs(res.embeddings, res.dim, data.pairs.test, { kernel: tfKernel(), side: data.side, exclude });
  const csls = evaluatePairs(res.embeddings, res.dim, data.pairs.test, { kernel: tfKernel(), cslsK: 3 });
  const kinds = image ? await imageNodeScores(res, image.graphs) : null;
  // Pseudo-seed precision against the gold pairs (reporting only: training never sees test pairs).
  const goldOf = new Map<number, number>();
  for (const split of [data.pairs.train, data.pairs.valid, data.pairs.test]) for (let i = 0; i < split.length; i += 2) goldOf.set(split[i], split[i + 1]);
  let correct = 0;
  for (let i = 0; i < res.pseudoSeeds.length; i += 2) if (goldOf.get(res.pseudoSeeds[i]) === res.pseudoSeeds[i + 1]) correct++;
  const epochSeconds = res.log.map((e) => e.seconds).sort((a, b) => a - b);
  console.log(JSON.stringify({
    backend: backend.name,
    status: res.status,
    seconds,
    secondsPerEpoch: epochSeconds[Math.floor(epochSeconds.length / 2)],
    epochs: res.log.length,
    bestEpoch: res.bestEpoch,
    pseudoSeeds: res.pseudoSeeds.length / 2,
    pseudoSeedPrecision: res.pseudoSeeds.length ? correct / (res.pseudoSeeds.length / 2) : null,
    nameWeight: res.nameWeight,
    priorWeight: res.priorWeight,
    attributeWeight: res.attributeWeight,
    validHits1: res.valid?.hits1 ?? 0,
    hits1: plain.hits1,
    hits10: plain.hits10,
    mrr: plain.mrr,
    cslsHits1: csls.hits1,
    cslsHits10: csls.hits10,
    cslsMrr: csls.mrr,
    allHits1: plain.all?.hits1 ?? 0,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    ...(kinds ? { kinds } : {}),
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
