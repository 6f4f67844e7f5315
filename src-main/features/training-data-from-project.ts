import type { Db } from '../project/db';
import type { TrainingData } from '../model/training-data';
import type { TrainingOptions } from '../shared/dto';
import { AppError } from '../shared/errors';
import { denseFeatureOf } from './csr';
import { type BagModality, ensureFeatures } from './feature-service';
import { type ImageFeatureSummary, loadImageFeature } from './image-features';
import { loadGold, loadProjectGraph, loadVerdicts, type ProjectGraph } from './project-graph';
import { DEFAULT_TRAIN_RATIO, DEFAULT_VALID_RATIO, flatPairs, type PairSplits, type RowPair, splitGold } from './splits';

/** TrainingData plus what is needed to map rows back to entity ids and to explain the data to the curator. */
export interface ProjectTrainingData {
  data: TrainingData;
  /** Entity id of each row of `data`. */
  entityIds: Int32Array;
  stats: {
    entities: number;
    triples: number;
    pairs: { train: number; valid: number; test: number };
    acceptedSeeds: number;
    hardNegatives: number;
    modalities: { name: string; present: number; cols: number }[];
    recomputed: BagModality[];
    image: ImageFeatureSummary | null;
  };
}

/**
 * Reads a project into the trainer's TrainingData: entities (ascending id = row), relation triples, the bags and
 * name features (recomputed only when their inputs changed), image features, gold pairs split by
 * `options.seed`/`trainRatio`/`validRatio`, and with `useDecisions` the curators' verdicts: accepted pairs join
 * the training seeds (and leave valid/test, since the curator's answer is now known), rejected pairs become hard
 * negatives (and leave the training seeds).
 */
export function trainingDataFromProject(db: Db, options: TrainingOptions = {}): ProjectTrainingData {
  const graph = loadProjectGraph(db);
  const n = graph.entityIds.length;
  if (n === 0) throw new AppError('NOT_FOUND', 'the project has no entities to train on', { hint: 'Import two graphs first.' });
  const features = ensureFeatures(db, graph);
  const { splits, negatives, acceptedSeeds } = seedSplits(db, graph, options);
  const useImages = options.useImages !== false;
  const image = useImages ? loadImageFeature(db, graph) : null;
  const data: TrainingData = {
    numEntities: n,
    side: graph.side,
    isImage: graph.isImage,
    heads: graph.heads,
    rels: graph.rels,
    tails: graph.tails,
    numRelations: graph.numRelations,
    features: {},
    pairs: { train: flatPairs(splits.train), valid: flatPairs(splits.valid), test: flatPairs(splits.test) },
    hardNegatives: negatives.length ? flatPairs(negatives) : undefined,
  };
  // Empty matrices (no relations/attributes/labels at all) are left out: a modality nobody has teaches nothing.
  if (features.relation.cols > 0) data.features.relation = denseFeatureOf(features.relation);
  if (options.useAttributes !== false && features.attribute.cols > 0) data.features.attribute = denseFeatureOf(features.attribute);
  if (options.useNames === true && features.name.indices.length > 0) data.features.name = denseFeatureOf(features.name);
  if (image) data.features.image = image.feature;
  const modalities = Object.entries(data.features).map(([name, f]) => ({ name, cols: f.cols, present: f.present.reduce((s, x) => s + x, 0) }));
  return {
    data,
    entityIds: graph.entityIds,
    stats: {
      entities: n,
      triples: graph.heads.length,
      pairs: { train: splits.train.length, valid: splits.valid.length, test: splits.test.length },
      acceptedSeeds,
      hardNegatives: negatives.length,
      modalities,
      recomputed: features.recomputed,
      image: image?.summary ?? null,
    },
  };
}

/** The seed pairs of a run and the curators' rejections, as trainingDataFromProject uses them. */
export interface SeedSplits {
  splits: PairSplits;
  negatives: RowPair[];
  acceptedSeeds: number;
}

/**
 * Gold pairs split by the options' seed and ratios, and with `useDecisions` the curators' verdicts applied (see
 * trainingDataFromProject). Evaluation of a stored run calls this with the run's options to get the same pairs.
 */
export function seedSplits(db: Db, graph: ProjectGraph, options: TrainingOptions = {}): SeedSplits {
  const splits = splitGold(goldRows(db, graph), options.seed ?? 1, options.trainRatio ?? DEFAULT_TRAIN_RATIO, options.validRatio ?? DEFAULT_VALID_RATIO);
  let acceptedSeeds = 0;
  const negatives: RowPair[] = [];
  if (options.useDecisions) {
    const key = ([l, r]: RowPair): string => `${l},${r}`;
    const accepted = new Set<string>();
    const rejected = new Set<string>();
    for (const v of loadVerdicts(db)) {
      const pair = orient(graph, v.left, v.right);
      if (!pair) continue;
      if (v.verdict === 'accept') accepted.add(key(pair));
      else {
        rejected.add(key(pair));
        negatives.push(pair);
      }
    }
    const inTrain = new Set(splits.train.map(key));
    splits.valid = splits.valid.filter((p) => !accepted.has(key(p)));
    splits.test = splits.test.filter((p) => !accepted.has(key(p)));
    splits.train = splits.train.filter((p) => !rejected.has(key(p)));
    for (const k of accepted) {
      if (inTrain.has(k)) continue;
      const [l, r] = k.split(',').map(Number);
      splits.train.push([l, r]);
      acceptedSeeds++;
    }
  }
  if (splits.train.length === 0) {
    throw new AppError('NOT_FOUND', 'no seed pairs to train from', { hint: 'Import gold links (or accept some candidates) first.' });
  }
  return { splits, negatives, acceptedSeeds };
}

/** A pair of entity ids as rows with the KG1 entity first, or null when it is not a cross-graph pair. */
function orient(graph: ProjectGraph, a: number, b: number): RowPair | null {
  const ra = graph.rowOf(a);
  const rb = graph.rowOf(b);
  if (ra < 0 || rb < 0 || graph.side[ra] === graph.side[rb]) return null;
  return graph.side[ra] === 1 ? [ra, rb] : [rb, ra];
}

function goldRows(db: Db, graph: ProjectGraph): { pair: RowPair; split: ReturnType<typeof loadGold>[number]['split'] }[] {
  const out: { pair: RowPair; split: ReturnType<typeof loadGold>[number]['split'] }[] = [];
  for (const g of loadGold(db)) {
    const pair = orient(graph, g.left, g.right);
    if (pair) out.push({ pair, split: g.split });
  }
  return out;
}
