import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddingMatrix } from '../../../src-main/align/candidate-table';
import { generateCandidates } from '../../../src-main/align/generate-candidates';
import type { Prf } from '../../../src-main/align/quality';
import type { TrainResult } from '../../../src-main/model/trainer/types';
import type { DenseFeature, TrainingData } from '../../../src-main/model/training-data';
import { MATCH_KINDS, type MatchKind, type Modality } from '../../../src-main/shared/model';
import { chooseThresholds, scoreAt } from './cross-modal-eval';
import { buildCrossModalGraphs, type CrossModalGraphs, type CrossModalOptions } from './cross-modal-graphs';

/**
 * Training on the generated image-node graphs (lib/cross-modal-graphs.ts) for models.bench.ts: the graphs as
 * TrainingData (isImage, relation triples with their DBP15K relation ids plus one imageOf relation, a relation
 * bag, the synthetic picture feature as the 'image' modality, train and valid gold of all three kinds), and the
 * trained vectors scored the way cross-modal.bench.ts scores untrained ones (lib/cross-modal-eval.ts).
 */
export interface ImageNodeData {
  data: TrainingData;
  graphs: CrossModalGraphs;
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);

/**
 * Builds the graphs from the DBP15K folder `dir` and their TrainingData. `pairs.test` holds the text-text test
 * gold only (what the H@k/MRR columns rank); the P/R/F1 of every kind read `graphs.gold` (imageNodeScores).
 */
export function imageNodeData(dir: string, o: CrossModalOptions): ImageNodeData {
  const graphs = buildCrossModalGraphs(dir, o);
  const n = graphs.side.length;
  const { heads, rels, tails, numRelations } = graphTriples(dir, graphs, o.pairs);
  const present = Uint8Array.from({ length: n }, (_, e) => (graphs.image.subarray(e * graphs.imageDim, (e + 1) * graphs.imageDim).some((x) => x !== 0) ? 1 : 0));
  const flat = (split: 'train' | 'valid' | 'test', kind?: MatchKind): Int32Array =>
    Int32Array.from(graphs.gold.filter((g) => g.split === split && (!kind || g.kind === kind)).flatMap((g) => [g.left, g.right]));
  const data: TrainingData = {
    numEntities: n,
    side: graphs.side,
    isImage: graphs.isImage,
    heads, rels, tails, numRelations,
    features: {
      relation: relationBag(n, heads, tails, rels, numRelations),
      image: { cols: graphs.imageDim, data: graphs.image, present },
    },
    pairs: { train: flat('train'), valid: flat('valid'), test: flat('test', 'text-text') },
  };
  return { data, graphs };
}

/**
 * The relation triples among the kept text entities with their relation ids (the generator keeps only the
 * adjacency), rebuilt with the generator's own selection of pairs, plus (image, imageOf, depicted entity) for each
 * image node. Checked against the generator's adjacency, so a change there fails loudly instead of silently.
 */
function graphTriples(dir: string, g: CrossModalGraphs, pairs: number): { heads: Int32Array; rels: Int32Array; tails: Int32Array; numRelations: number } {
  const triples = [1, 2].map((k) => lines(join(dir, `triples_${k}`)).map((l) => l.split('\t').map(Number)));
  const degree = new Map<number, number>();
  for (const list of triples) for (const [h, , t] of list) for (const e of [h, t]) degree.set(e, (degree.get(e) ?? 0) + 1);
  const gold = lines(join(dir, 'ill_ent_ids')).map((l) => l.split('\t').map(Number));
  // Same order as buildCrossModalGraphs: best connected first, ties by the graph-1 id.
  const kept = gold.sort((a, b) => (degree.get(b[0])! + degree.get(b[1])!) - (degree.get(a[0])! + degree.get(a[1])!) || a[0] - b[0]).slice(0, pairs);
  const index = new Map<number, number>();
  kept.forEach(([l, r], i) => index.set(l, i).set(r, pairs + i));
  const n = g.side.length;
  const adjacent = new Set<number>();
  for (let e = 0; e < n; e++) for (let j = g.adjStart[e]; j < g.adjStart[e + 1]; j++) adjacent.add(e * n + g.adjList[j]);
  const relIds = new Map<number, number>();
  const heads: number[] = [];
  const rels: number[] = [];
  const tails: number[] = [];
  for (const list of triples) {
    for (const [h, r, t] of list) {
      const a = index.get(h);
      const b = index.get(t);
      if (a === undefined || b === undefined || a === b) continue;
      if (!adjacent.has(a * n + b)) throw new Error(`image-node graphs: triple ${h} ${r} ${t} is not an edge of the generated graph (generator changed?)`);
      if (!relIds.has(r)) relIds.set(r, relIds.size);
      heads.push(a);
      rels.push(relIds.get(r)!);
      tails.push(b);
    }
  }
  if (heads.length !== g.counts.relTriples) throw new Error(`image-node graphs: ${heads.length} relation triples rebuilt, the generator kept ${g.counts.relTriples}`);
  const imageOf = relIds.size;
  for (let e = 0; e < n; e++) {
    if (!g.isImage[e]) continue;
    for (let j = g.adjStart[e]; j < g.adjStart[e + 1]; j++) {
      heads.push(e);
      rels.push(imageOf);
      tails.push(g.adjList[j]);
    }
  }
  return { heads: Int32Array.from(heads), rels: Int32Array.from(rels), tails: Int32Array.from(tails), numRelations: imageOf + 1 };
}

/** Relation bag [n x numRelations]: per entity, how often each relation touches it (as head or tail). */
function relationBag(n: number, heads: Int32Array, tails: Int32Array, rels: Int32Array, numRelations: number): DenseFeature {
  const data = new Float32Array(n * numRelations);
  const present = new Uint8Array(n);
  for (let i = 0; i < rels.length; i++) {
    for (const e of [heads[i], tails[i]]) {
      data[e * numRelations + rels[i]] += 1;
      present[e] = 1;
    }
  }
  return { cols: numRelations, data, present };
}

const SHORT: Record<MatchKind, string> = { 'text-text': 'tt', 'image-image': 'ii', 'text-image': 'ti' };

/**
 * Candidates from a trained run the way the app makes them (align-job: final and per-modality vectors, cosine,
 * top 10, the CrossEA cross-modal score for text-image pairs), per-kind thresholds at the best F1 on the
 * validation gold, and P/R/F1 per kind and overall on the test gold. Keys: 'tt P', 'tt R', 'tt F1', ... 'overall F1'.
 */
export async function imageNodeScores(res: TrainResult, g: CrossModalGraphs): Promise<Record<string, number>> {
  const ids = Int32Array.from({ length: g.side.length }, (_, i) => i);
  const modalities: Partial<Record<Modality, EmbeddingMatrix>> = {};
  for (const [name, m] of Object.entries(res.modalities) as [Modality, { dim: number; data: Float32Array }][]) modalities[name] = { ids, dim: m.dim, data: m.data };
  const table = await generateCandidates({ final: { ids, dim: res.dim, data: res.embeddings }, side: g.side, isImage: g.isImage, modalities }, { topK: 10, csls: false });
  const thresholds = chooseThresholds(table, g.gold.filter((p) => p.split === 'valid'), 'per-kind-f1');
  const result = scoreAt(table, g.gold.filter((p) => p.split === 'test'), thresholds);
  const out: Record<string, number> = {};
  const put = (name: string, prf: Prf): void => {
    out[`${name} P`] = prf.precision;
    out[`${name} R`] = prf.recall;
    out[`${name} F1`] = prf.f1;
  };
  for (const kind of MATCH_KINDS) put(SHORT[kind], result[kind]);
  put('overall', result.overall);
  return out;
}
