import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainResult } from '../../../../src-main/model/trainer/types';
import type { CrossModalOptions } from '../../../bench/lib/cross-modal-graphs';
import { imageNodeData, imageNodeScores } from '../../../bench/lib/image-node-training';

/**
 * models.bench.ts's image-node training data and scoring on a small hand-made DBP15K-style folder: relation
 * triples rebuilt with their ids and matching the generator's adjacency, imageOf triples, the picture feature,
 * the splits; and P/R/F1 that separate vectors which know the gold from vectors that do not.
 */

let dir: string;
const PAIRS = 60;
const options: CrossModalOptions = {
  pairs: 40, seed: 3, imageDim: 32, imageNoise: 0.8, bothNodes: 0.4, attachedVsNode: 0.2, leftNodeOnly: 0.1, distractors: 0.2, trainRatio: 0.3, validRatio: 0.1,
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-image-node-training-'));
  const ids = (base: number) => Array.from({ length: PAIRS }, (_, i) => `${base + i}\thttp://kg${base / 1000}.example/e${i}`).join('\n');
  writeFileSync(join(dir, 'ent_ids_1'), ids(1000));
  writeFileSync(join(dir, 'ent_ids_2'), ids(2000));
  // A ring (relation 0) plus chords (relation 1 or 5) on each side, so degrees differ and relation ids vary.
  const triples = (base: number, chord: number) => Array.from({ length: PAIRS }, (_, i) => [`${base + i}\t0\t${base + ((i + 1) % PAIRS)}`, i % 3 === 0 ? `${base + i}\t${chord}\t${base + ((i * 7) % PAIRS)}` : '']).flat().filter(Boolean).join('\n');
  writeFileSync(join(dir, 'triples_1'), triples(1000, 1));
  writeFileSync(join(dir, 'triples_2'), triples(2000, 5));
  writeFileSync(join(dir, 'ill_ent_ids'), Array.from({ length: PAIRS }, (_, i) => `${1000 + i}\t${2000 + i}`).join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('image-node training data', () => {
  it('holds the relation triples with their ids, one imageOf triple per image node, and the picture feature', () => {
    const { data, graphs } = imageNodeData(dir, options);
    const images = Array.from(graphs.isImage).filter((x) => x === 1).length;
    expect(data.heads.length).toBe(graphs.counts.relTriples + images);
    // Relations 0, 1 and 5 of the files plus imageOf.
    expect(data.numRelations).toBe(4);
    const imageOf = data.numRelations - 1;
    for (let i = 0; i < data.heads.length; i++) {
      const [h, t] = [data.heads[i], data.tails[i]];
      const neighbours = Array.from(graphs.adjList.subarray(graphs.adjStart[h], graphs.adjStart[h + 1]));
      expect(neighbours).toContain(t);
      expect(data.rels[i] === imageOf).toBe(graphs.isImage[h] === 1);
      if (data.rels[i] === imageOf) expect(graphs.isImage[t]).toBe(0);
    }
    const image = data.features.image!;
    expect(image.cols).toBe(options.imageDim);
    for (let e = 0; e < data.numEntities; e++) if (graphs.isImage[e]) expect(image.present[e]).toBe(1);
    expect(Array.from(data.features.relation!.present).every((x) => x === 1)).toBe(true);
  });

  it('trains on train and validates on valid gold of every kind, and tests the text-text test pairs', () => {
    const { data, graphs } = imageNodeData(dir, options);
    const count = (split: string, textOnly = false) => graphs.gold.filter((g) => g.split === split && (!textOnly || g.kind === 'text-text')).length;
    expect(data.pairs.train.length / 2).toBe(count('train'));
    expect(data.pairs.valid.length / 2).toBe(count('valid'));
    expect(data.pairs.test.length / 2).toBe(count('test', true));
    for (let i = 0; i < data.pairs.test.length; i++) expect(graphs.isImage[data.pairs.test[i]]).toBe(0);
  });
});

describe('image-node scores', () => {
  /** A TrainResult whose final vectors are `rows` [n x dim] and nothing else. */
  const result = (rows: Float32Array, dim: number): TrainResult => ({
    status: 'done', backend: 'cpu', config: {} as TrainResult['config'], embeddings: rows, dim, modalities: {}, frozen: {},
    bestEpoch: 1, nameWeight: null, priorWeight: null, attributeWeight: null, valid: null, log: [], pseudoSeeds: new Int32Array(0), seconds: 0,
  });

  it('scores vectors that know every gold pair at P = R = 1 and random vectors far lower', async () => {
    const { graphs } = imageNodeData(dir, options);
    const n = graphs.side.length;
    // One dimension per gold group: the two text entities of a pair and every picture of it share a one-hot.
    const group = Int32Array.from({ length: n }, (_, e) => n + e);
    for (const g of graphs.gold) if (g.kind === 'text-text') [group[g.left], group[g.right]] = [g.left, g.left];
    for (const g of graphs.gold) {
      if (g.kind === 'text-text') continue;
      const text = graphs.isImage[g.left] ? g.right : g.left;
      const of = group[text];
      group[g.left] = of;
      group[g.right] = of;
    }
    const dim = 2 * n;
    const known = new Float32Array(n * dim);
    for (let e = 0; e < n; e++) known[e * dim + group[e]] = 1;
    const good = await imageNodeScores(result(known, dim), graphs);
    for (const k of ['tt', 'ii', 'ti', 'overall']) expect([k, good[`${k} P`], good[`${k} R`]]).toEqual([k, 1, 1]);
    let s = 7;
    const random = Float32Array.from({ length: n * 16 }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5);
    const bad = await imageNodeScores(result(random, 16), graphs);
    expect(bad['overall F1']).toBeLessThan(0.2);
  });
});
