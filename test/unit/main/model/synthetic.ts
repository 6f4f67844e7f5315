import type { TrainingData } from '../../../../src-main/model/training-data';
import { Rng } from '../../../../src-main/model/rng';
import type { StepBatch } from '../../../../src-main/model/trainer/step';

/**
 * A small synthetic pair of graphs for tests: KG2 is a relabelled copy of KG1 with a few edges dropped, so the
 * gold alignment is known and learnable. Relation bags (counts) and optional "name" and attribute-bag features
 * (partners share their columns) are included.
 */
export function syntheticPair(opts: { entities?: number; edgesPerNode?: number; relations?: number; seed?: number; names?: boolean; attributes?: boolean } = {}): TrainingData {
  const n1 = opts.entities ?? 40;
  const rels = opts.relations ?? 4;
  const rng = new Rng(opts.seed ?? 7);
  const heads: number[] = [];
  const relIds: number[] = [];
  const tails: number[] = [];
  const perm = rng.shuffle(Int32Array.from({ length: n1 }, (_, i) => i));
  const m = n1 * (opts.edgesPerNode ?? 3);
  for (let k = 0; k < m; k++) {
    const h = rng.int(n1);
    let t = rng.int(n1);
    if (t === h) t = (t + 1) % n1;
    const r = rng.int(rels);
    heads.push(h, n1 + perm[h]);
    relIds.push(r, rels + r);
    tails.push(t, n1 + perm[t]);
  }
  const n = 2 * n1;
  const cols = 2 * rels;
  const data = new Float32Array(n * cols);
  const present = new Uint8Array(n);
  for (let i = 0; i < heads.length; i++) {
    for (const e of [heads[i], tails[i]]) {
      data[e * cols + relIds[i]] += 1;
      present[e] = 1;
    }
  }
  const pairs = Array.from({ length: n1 }, (_, i) => [i, n1 + perm[i]]);
  const order = rng.shuffle(Int32Array.from({ length: n1 }, (_, i) => i));
  const take = (from: number, to: number): Int32Array => Int32Array.from(Array.from(order.subarray(from, to)).flatMap((i) => pairs[i]));
  const nTrain = Math.round(n1 * 0.5);
  const features: TrainingData['features'] = { relation: { cols, data, present } };
  // A bag whose columns partners share: `picks` random columns per KG1 entity, copied to its partner.
  const sharedBag = (bagCols: number, picks: number, counts: boolean): TrainingData['features']['name'] => {
    const bag = new Float32Array(n * bagCols);
    for (let i = 0; i < n1; i++) {
      for (let c = 0; c < picks; c++) {
        const col = rng.int(bagCols);
        for (const e of [i, n1 + perm[i]]) bag[e * bagCols + col] = counts ? bag[e * bagCols + col] + 1 : 1;
      }
    }
    return { cols: bagCols, data: bag, present: new Uint8Array(n).fill(1) };
  };
  if (opts.names) features.name = sharedBag(16, 3, true);
  if (opts.attributes) features.attribute = sharedBag(12, 2, false);
  return {
    numEntities: n,
    side: Int8Array.from({ length: n }, (_, i) => (i < n1 ? 1 : 2)),
    isImage: new Int8Array(n),
    heads: Int32Array.from(heads),
    rels: Int32Array.from(relIds),
    tails: Int32Array.from(tails),
    numRelations: 2 * rels,
    features,
    pairs: { train: take(0, nTrain), valid: take(nTrain, nTrain + 4), test: take(nTrain + 4, n1) },
  };
}

/**
 * One step's batch over all training pairs of `data`, with two test entities per side as the extra negatives and
 * every modality available; `present` is the model's per-modality presence (AlignmentModel.present).
 */
export function seedBatch(data: TrainingData, present: Uint8Array[], dropoutSeed: number): StepBatch {
  const tr = data.pairs.train;
  return {
    left: tr.filter((_, i) => i % 2 === 0),
    right: tr.filter((_, i) => i % 2 === 1),
    negRight: Int32Array.from([data.pairs.test[1], data.pairs.test[3]]),
    negLeft: Int32Array.from([data.pairs.test[0], data.pairs.test[2]]),
    available: present.map((p) => Float32Array.from(p)),
    learningRate: 0.01,
    dropoutSeed,
  };
}
