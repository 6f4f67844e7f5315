import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../../src-main/model/rng';
import { matchKindOf, type MatchKind } from '../../../src-main/shared/model';

/**
 * The generated cross-modal benchmark's data: two graphs cut from a DBP15K id-layout folder (the text entities of
 * the best-connected gold pairs, with every relation triple among them), plus image entities attached by an
 * imageOf relation, with deterministic synthetic image features correlated with the entity they show. Gold of
 * all three kinds: text-text (the dataset's pairs), image-image (two pictures of one aligned entity) and
 * text-image (a text entity and the other graph's picture of its counterpart).
 */
export interface CrossModalGraphs {
  /** Entities 0..n-1, graph 1 first. */
  side: Int8Array;
  isImage: Int8Array;
  /** Undirected adjacency as CSR (both directions of every relation triple, imageOf included). */
  adjStart: Int32Array;
  adjList: Int32Array;
  /** [n x imageDim] unit image features; zero rows for entities without image content. */
  image: Float32Array;
  imageDim: number;
  /** Gold pairs (graph-1 entity, graph-2 entity) with their kind and split. */
  gold: { left: number; right: number; kind: MatchKind; split: 'train' | 'valid' | 'test' }[];
  counts: { text: [number, number]; image: [number, number]; relTriples: number; attachedImages: number };
}

export interface CrossModalOptions {
  /** Gold text pairs kept (the best connected ones). */
  pairs: number;
  seed: number;
  /** Dimension of the synthetic image features. */
  imageDim: number;
  /** Noise of one picture around its entity's latent (std per dimension, latent ~ N(0, 1)). */
  imageNoise: number;
  /** Share of pairs whose counterparts both have an image node (image-image gold). */
  bothNodes: number;
  /** Share where graph 2 has an image node and graph 1's entity carries an attached picture (the demo's case). */
  attachedVsNode: number;
  /** Share where only graph 1 has an image node. */
  leftNodeOnly: number;
  /** Share of kept graph-2 text entities that get an extra picture of something else (no gold). */
  distractors: number;
  trainRatio: number;
  validRatio: number;
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);

/** Builds the graphs from `dir` (ent_ids_1/2, triples_1/2, ill_ent_ids). Deterministic for the options. */
export function buildCrossModalGraphs(dir: string, o: CrossModalOptions): CrossModalGraphs {
  const rng = new Rng(o.seed);
  const triples = [1, 2].map((k) => lines(join(dir, `triples_${k}`)).map((l) => l.split('\t').map(Number)));
  const degree = new Map<number, number>();
  for (const list of triples) for (const [h, , t] of list) for (const e of [h, t]) degree.set(e, (degree.get(e) ?? 0) + 1);
  const dbpGold = lines(join(dir, 'ill_ent_ids')).map((l) => l.split('\t').map(Number));
  // The best-connected pairs: a random sample of 15,000 would leave almost no triples among the kept entities.
  const kept = [...dbpGold].sort((a, b) => (degree.get(b[0])! + degree.get(b[1])!) - (degree.get(a[0])! + degree.get(a[1])!) || a[0] - b[0]).slice(0, o.pairs);
  const index = new Map<number, number>();
  kept.forEach(([l], i) => index.set(l, i));
  kept.forEach(([, r], i) => index.set(r, o.pairs + i));
  const side: number[] = [...kept.map(() => 1), ...kept.map(() => 2)];
  const isImage: number[] = side.map(() => 0);
  const edges: [number, number][] = [];
  let relTriples = 0;
  for (const list of triples) {
    for (const [h, , t] of list) {
      const a = index.get(h);
      const b = index.get(t);
      if (a === undefined || b === undefined || a === b) continue;
      edges.push([a, b]);
      relTriples++;
    }
  }
  const imageRows: { entity: number; latent: Float32Array }[] = [];
  // One picture: the entity's latent plus picture-specific noise, unit length.
  const picture = (latent: Float32Array): Float32Array => {
    const e = rng.normal(o.imageDim, 1);
    return unit(Float32Array.from(latent, (x, k) => x + o.imageNoise * e[k]));
  };
  const addImageNode = (s: 1 | 2, of: number, latent: Float32Array): number => {
    const id = side.length;
    side.push(s);
    isImage.push(1);
    edges.push([id, of]);
    imageRows.push({ entity: id, latent: picture(latent) });
    return id;
  };
  const order = rng.shuffle(Int32Array.from(kept.keys()));
  const splitOf = new Array<'train' | 'valid' | 'test'>(o.pairs);
  order.forEach((p, rank) => (splitOf[p] = rank < o.trainRatio * o.pairs ? 'train' : rank < (o.trainRatio + o.validRatio) * o.pairs ? 'valid' : 'test'));
  const gold: CrossModalGraphs['gold'] = [];
  const add = (left: number, right: number, p: number) => gold.push({ left, right, kind: matchKindOf(isImage[left] ? 'image' : 'text', isImage[right] ? 'image' : 'text'), split: splitOf[p] });
  let attachedImages = 0;
  for (let p = 0; p < o.pairs; p++) {
    const l = p;
    const r = o.pairs + p;
    add(l, r, p);
    const latent = rng.normal(o.imageDim, 1);
    const u = rng.next();
    if (u < o.bothNodes) {
      const i1 = addImageNode(1, l, latent);
      const i2 = addImageNode(2, r, latent);
      add(i1, i2, p);
      add(l, i2, p);
      add(i1, r, p);
    } else if (u < o.bothNodes + o.attachedVsNode) {
      imageRows.push({ entity: l, latent: picture(latent) });
      attachedImages++;
      add(l, addImageNode(2, r, latent), p);
    } else if (u < o.bothNodes + o.attachedVsNode + o.leftNodeOnly) {
      add(addImageNode(1, l, latent), r, p);
    }
  }
  for (let p = 0; p < o.pairs; p++) if (rng.next() < o.distractors) addImageNode(2, o.pairs + p, rng.normal(o.imageDim, 1));
  const n = side.length;
  const image = new Float32Array(n * o.imageDim);
  for (const row of imageRows) image.set(row.latent, row.entity * o.imageDim);
  const { adjStart, adjList } = csr(n, edges);
  const count = (s: number, img: number) => side.filter((x, i) => x === s && isImage[i] === img).length;
  return {
    side: Int8Array.from(side), isImage: Int8Array.from(isImage), adjStart, adjList, image, imageDim: o.imageDim, gold,
    counts: { text: [count(1, 0), count(2, 0)], image: [count(1, 1), count(2, 1)], relTriples, attachedImages },
  };
}

function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const scale = s > 0 ? 1 / Math.sqrt(s) : 0;
  return v.map((x) => x * scale);
}

function csr(n: number, edges: [number, number][]): { adjStart: Int32Array; adjList: Int32Array } {
  const adjStart = new Int32Array(n + 1);
  for (const [a, b] of edges) {
    adjStart[a + 1]++;
    adjStart[b + 1]++;
  }
  for (let i = 0; i < n; i++) adjStart[i + 1] += adjStart[i];
  const fill = adjStart.slice(0, n);
  const adjList = new Int32Array(adjStart[n]);
  for (const [a, b] of edges) {
    adjList[fill[a]++] = b;
    adjList[fill[b]++] = a;
  }
  return { adjStart, adjList };
}
