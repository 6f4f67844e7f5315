import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchEmbeddings } from '../../../bench/lib/cross-modal-eval';
import { buildCrossModalGraphs, type CrossModalOptions } from '../../../bench/lib/cross-modal-graphs';

/**
 * The generated cross-modal benchmark's data builder on a small hand-made DBP15K-style folder: deterministic,
 * gold of all three kinds sharing their pair's split, imageOf edges, and pictures correlated with what they show.
 */

let dir: string;
const PAIRS = 60;
const options: CrossModalOptions = {
  pairs: 40, seed: 3, imageDim: 32, imageNoise: 0.8, bothNodes: 0.4, attachedVsNode: 0.2, leftNodeOnly: 0.1, distractors: 0.2, trainRatio: 0.3, validRatio: 0.1,
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-cross-modal-bench-'));
  const ids = (base: number) => Array.from({ length: PAIRS }, (_, i) => `${base + i}\thttp://kg${base / 1000}.example/e${i}`).join('\n');
  writeFileSync(join(dir, 'ent_ids_1'), ids(1000));
  writeFileSync(join(dir, 'ent_ids_2'), ids(2000));
  // A ring plus chords on each side, so degrees differ and the kept pairs have triples among them.
  const triples = (base: number) => Array.from({ length: PAIRS }, (_, i) => [`${base + i}\t0\t${base + ((i + 1) % PAIRS)}`, i % 3 === 0 ? `${base + i}\t1\t${base + ((i * 7) % PAIRS)}` : '']).flat().filter(Boolean).join('\n');
  writeFileSync(join(dir, 'triples_1'), triples(1000));
  writeFileSync(join(dir, 'triples_2'), triples(2000));
  writeFileSync(join(dir, 'ill_ent_ids'), Array.from({ length: PAIRS }, (_, i) => `${1000 + i}\t${2000 + i}`).join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cross-modal benchmark graphs', () => {
  it('is deterministic for its options and holds gold of all three kinds, each pair in one split', () => {
    const a = buildCrossModalGraphs(dir, options);
    const b = buildCrossModalGraphs(dir, options);
    expect(b.gold).toEqual(a.gold);
    expect(Array.from(b.image)).toEqual(Array.from(a.image));
    expect(a.counts.text).toEqual([40, 40]);
    const kinds = new Set(a.gold.map((g) => g.kind));
    expect(kinds).toEqual(new Set(['text-text', 'image-image', 'text-image']));
    // Every gold pair joins a graph-1 entity to a graph-2 entity, of the kinds its kind says.
    for (const g of a.gold) {
      expect([a.side[g.left], a.side[g.right]]).toEqual([1, 2]);
      const images = a.isImage[g.left] + a.isImage[g.right];
      expect(images).toBe(g.kind === 'text-text' ? 0 : g.kind === 'image-image' ? 2 : 1);
    }
    // A text pair's split is the split of every image pair built on it (no pair trains on one kind, tests on another).
    const splitOfText = new Map(a.gold.filter((g) => g.kind === 'text-text').map((g) => [g.left, g.split]));
    const textOf = (e: number) => (a.isImage[e] ? a.adjList[a.adjStart[e]] : e);
    for (const g of a.gold.filter((x) => x.kind !== 'text-text')) expect(g.split).toBe(splitOfText.get(textOf(g.left)));
  });

  it('links each image node to what it shows, and pictures of one thing look alike', () => {
    const g = buildCrossModalGraphs(dir, options);
    const dim = g.imageDim;
    const cos = (a: number, b: number) => {
      let s = 0;
      for (let k = 0; k < dim; k++) s += g.image[a * dim + k] * g.image[b * dim + k];
      return s;
    };
    const nodes = Array.from(g.isImage.keys()).filter((e) => g.isImage[e]);
    for (const e of nodes) {
      expect(g.adjStart[e + 1] - g.adjStart[e]).toBe(1);
      expect(g.isImage[g.adjList[g.adjStart[e]]]).toBe(0);
      expect(cos(e, e)).toBeCloseTo(1, 5);
    }
    const same = g.gold.filter((x) => x.kind === 'image-image').map((x) => cos(x.left, x.right));
    const other = g.gold.filter((x) => x.kind === 'image-image').map((x, i, all) => cos(x.left, all[(i + 1) % all.length].right));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(same)).toBeGreaterThan(0.4);
    expect(Math.abs(mean(other))).toBeLessThan(0.2);
  });

  it('gives image nodes the structure of what they depict (anchor propagation)', () => {
    const g = buildCrossModalGraphs(dir, options);
    const e = benchEmbeddings(g);
    const a = e.structure.dim;
    const cos = (x: number, y: number) => {
      let s = 0, nx = 0, ny = 0;
      for (let k = 0; k < a; k++) {
        s += e.structure.data[x * a + k] * e.structure.data[y * a + k];
        nx += e.structure.data[x * a + k] ** 2;
        ny += e.structure.data[y * a + k] ** 2;
      }
      return nx && ny ? s / Math.sqrt(nx * ny) : 0;
    };
    const norm = (x: number) => e.structure.data.subarray(x * a, (x + 1) * a).some((v) => v !== 0);
    // Image nodes within two hops of an anchor (farther ones have no structure at all: two rounds of propagation).
    const nodes = Array.from(g.isImage.keys()).filter((x) => g.isImage[x] && norm(x));
    expect(nodes.length).toBeGreaterThan(5);
    const sims = nodes.map((x) => cos(x, g.adjList[g.adjStart[x]]));
    expect(Math.min(...sims)).toBeGreaterThan(0.5);
    expect(e.final.dim).toBe(a + g.imageDim);
  });
});
