import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DenseFeature, TrainingData } from '../../../src-main/model/training-data';
import { Rng } from '../../../src-main/model/rng';

/**
 * Dev loader for benchmarks: reads DBP15K / OpenEA id-layout folders straight into TrainingData (no project
 * file), with the features MODEL.md describes: relation bag (top-K relations, head and tail roles, counts),
 * attribute bag (top-K attribute names over both KGs, binary), name n-grams (hashed char 2/3-grams, L2).
 */
export interface LoadOptions {
  trainRatio: number;
  /** Fraction of the training seeds carved out for validation (model selection). */
  validFraction: number;
  seed: number;
  relationBag: boolean;
  attributes: boolean;
  names: string | null;
  /** File names of the gold pairs (ill_ent_ids for DBP15K, ref_ent_ids for OpenEA). */
  goldFile: string;
  topK: number;
  nameDims: number;
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);

/** Loads a folder; entity ids are remapped to 0..n-1 with KG1 first. */
export function loadIdLayout(dir: string, opts: LoadOptions): TrainingData & { iris: string[] } {
  const ids = new Map<number, number>();
  const side: number[] = [];
  const iris: string[] = [];
  for (const k of [1, 2]) {
    for (const l of lines(join(dir, `ent_ids_${k}`))) {
      const [id, iri] = l.split('\t');
      ids.set(Number(id), side.length);
      side.push(k);
      iris.push(iri);
    }
  }
  const n = side.length;
  const relIds = new Map<number, number>();
  const heads: number[] = [];
  const rels: number[] = [];
  const tails: number[] = [];
  for (const k of [1, 2]) {
    for (const l of lines(join(dir, `triples_${k}`))) {
      const [h, r, t] = l.split('\t').map(Number);
      if (!relIds.has(r)) relIds.set(r, relIds.size);
      heads.push(ids.get(h)!);
      rels.push(relIds.get(r)!);
      tails.push(ids.get(t)!);
    }
  }
  const gold = lines(join(dir, opts.goldFile)).map((l) => l.split('\t').map((x) => ids.get(Number(x))!));
  const rng = new Rng(opts.seed);
  const order = rng.shuffle(Int32Array.from(gold.keys()));
  const nTrain = Math.round(gold.length * opts.trainRatio);
  const nValid = Math.round(nTrain * opts.validFraction);
  const flat = (idx: Int32Array): Int32Array => Int32Array.from(Array.from(idx).flatMap((i) => gold[i]));
  const alignable = new Uint8Array(n);
  for (const [l, r] of gold) alignable[l] = alignable[r] = 1;
  const features: TrainingData['features'] = {};
  if (opts.relationBag) features.relation = relationBag(n, heads, rels, tails, relIds.size, opts.topK);
  if (opts.attributes) features.attribute = attributeBag(dir, n, iris, opts.topK);
  if (opts.names) features.name = nameGrams(opts.names, ids, n, opts.nameDims);
  return {
    numEntities: n,
    side: Int8Array.from(side),
    isImage: new Int8Array(n),
    heads: Int32Array.from(heads),
    rels: Int32Array.from(rels),
    tails: Int32Array.from(tails),
    numRelations: relIds.size,
    features,
    pairs: { valid: flat(order.subarray(0, nValid)), train: flat(order.subarray(nValid, nTrain)), test: flat(order.subarray(nTrain)) },
    alignable,
    iris,
  };
}

function topIndex(counts: Map<number, number> | number[], k: number): Map<number, number> {
  const entries = Array.isArray(counts) ? counts.map((c, i) => [i, c] as [number, number]) : [...counts.entries()];
  entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return new Map(entries.slice(0, k).filter((e) => e[1] > 0).map((e, i) => [e[0], i]));
}

function relationBag(n: number, heads: number[], rels: number[], tails: number[], numRel: number, k: number): DenseFeature {
  const freq = new Array<number>(numRel).fill(0);
  for (const r of rels) freq[r]++;
  const top = topIndex(freq, k);
  const data = new Float32Array(n * top.size);
  const present = new Uint8Array(n);
  for (let i = 0; i < rels.length; i++) {
    const c = top.get(rels[i]);
    if (c === undefined) continue;
    for (const e of [heads[i], tails[i]]) {
      data[e * top.size + c] += 1;
      present[e] = 1;
    }
  }
  return { cols: top.size, data, present };
}

function attributeBag(dir: string, n: number, iris: string[], k: number): DenseFeature {
  const byIri = new Map(iris.map((iri, i) => [iri, i]));
  const rows: [number, string[]][] = [];
  const freq = new Map<string, number>();
  for (const f of ['training_attrs_1', 'training_attrs_2']) {
    for (const l of lines(join(dir, f))) {
      const [iri, ...attrs] = l.split('\t');
      const e = byIri.get(iri);
      if (e === undefined) continue;
      const unique = [...new Set(attrs)];
      rows.push([e, unique]);
      for (const a of unique) freq.set(a, (freq.get(a) ?? 0) + 1);
    }
  }
  const names = [...freq.keys()];
  const top = topIndex(new Map(names.map((a, i) => [i, freq.get(a)!])), k);
  const col = new Map(names.map((a, i) => [a, top.get(i)]));
  const data = new Float32Array(n * top.size);
  const present = new Uint8Array(n);
  for (const [e, attrs] of rows) {
    for (const a of attrs) {
      const c = col.get(a);
      if (c === undefined) continue;
      data[e * top.size + c] = 1;
      present[e] = 1;
    }
  }
  return { cols: top.size, data, present };
}

function nameGrams(path: string, ids: Map<number, number>, n: number, dims: number): DenseFeature {
  const list = JSON.parse(readFileSync(path, 'utf8')) as [number, string[]][];
  const data = new Float32Array(n * dims);
  const present = new Uint8Array(n);
  for (const [id, tokens] of list) {
    const e = ids.get(id);
    if (e === undefined) continue;
    for (const tok of tokens) {
      const t = `#${tok}#`;
      for (const g of [2, 3]) for (let i = 0; i + g <= t.length; i++) data[e * dims + (fnv(t.slice(i, i + g)) % dims)] += 1;
    }
    let s = 0;
    for (let c = 0; c < dims; c++) s += data[e * dims + c] ** 2;
    if (s > 0) {
      present[e] = 1;
      const inv = 1 / Math.sqrt(s);
      for (let c = 0; c < dims; c++) data[e * dims + c] *= inv;
    }
  }
  return { cols: dims, data, present };
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
