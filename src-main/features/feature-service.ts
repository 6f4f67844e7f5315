import { createHash } from 'node:crypto';
import type { Db } from '../project/db';
import { type CsrMatrix, FeatureMatricesRepository, unpackCsr } from '../project/repositories/feature-matrices';
import { ATTRIBUTE_BAG_TOP_K, attributeBag } from './attribute-bag';
import { NAME_NGRAM_DIM, nameNgrams } from './name-ngrams';
import type { ProjectGraph } from './project-graph';
import { RELATION_BAG_TOP_K, relationBag } from './relation-bag';

/** The derived matrices, by their name in the feature_matrix table. */
export const FEATURE_MATRIX_NAMES = { relation: 'relation-bag', attribute: 'attribute-bag', name: 'name-ngrams' } as const;

/** A modality whose features are a derived matrix stored in the project. */
export type BagModality = keyof typeof FEATURE_MATRIX_NAMES;

/** The bags and name features of a project, and which of them had to be (re)computed. */
export interface ProjectFeatures {
  relation: CsrMatrix;
  attribute: CsrMatrix;
  name: CsrMatrix;
  recomputed: BagModality[];
}

/** A hash of everything a matrix depends on: the algorithm version, its parameters and its input arrays. */
function inputsHash(parts: (string | number | ArrayBufferView)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    if (typeof part === 'string' || typeof part === 'number') hash.update(`${typeof part}:${part}\u0000`);
    else hash.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return hash.digest('hex');
}

/**
 * Returns the relation bag, attribute bag and name n-grams of the project, recomputing (and storing) only those
 * whose inputs changed since they were last stored; the rest are read back from the project file.
 */
export function ensureFeatures(db: Db, graph: ProjectGraph, onStep?: (modality: BagModality, recomputed: boolean) => void): ProjectFeatures {
  const repo = new FeatureMatricesRepository(db);
  const n = graph.entityIds.length;
  const recomputed: BagModality[] = [];
  const labelsText = graph.labels.map((l) => l ?? '\u0001').join('\u0000');
  const specs: Record<BagModality, { hash: string; compute: () => CsrMatrix }> = {
    relation: {
      hash: inputsHash(['relation-bag/v1', RELATION_BAG_TOP_K, graph.entityIds, graph.heads, graph.rels, graph.tails]),
      compute: () => relationBag(n, graph.heads, graph.rels, graph.tails, graph.numRelations),
    },
    attribute: {
      hash: inputsHash(['attribute-bag/v1', ATTRIBUTE_BAG_TOP_K, graph.entityIds, graph.attrEntities, graph.attrs]),
      compute: () => attributeBag(n, graph.attrEntities, graph.attrs, graph.numAttributes),
    },
    name: {
      hash: inputsHash(['name-ngrams/v1', NAME_NGRAM_DIM, graph.entityIds, labelsText]),
      compute: () => nameNgrams(graph.labels),
    },
  };
  const out = {} as Record<BagModality, CsrMatrix>;
  for (const modality of Object.keys(specs) as BagModality[]) {
    const name = FEATURE_MATRIX_NAMES[modality];
    const { hash, compute } = specs[modality];
    const stored = repo.inputsHash(name) === hash ? repo.get(name) : null;
    if (stored && stored.format === 'csr-f32') {
      out[modality] = unpackCsr(stored.rows, stored.cols, stored.data);
      onStep?.(modality, false);
      continue;
    }
    const matrix = compute();
    repo.putCsr(name, matrix, hash);
    out[modality] = matrix;
    recomputed.push(modality);
    onStep?.(modality, true);
  }
  return { ...out, recomputed };
}
