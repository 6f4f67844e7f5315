import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { buildEdges } from '../../../../../src-main/model/graph';
import { edgeDot } from '../../../../../src-main/model/gat/edge-dot';
import { defineMetaPathEncoder, hopWeights, metaPathEncoder } from '../../../../../src-main/model/gat/meta-path-encoder';
import { buildMetaPaths, disposeMetaPaths, metaPathName, type MetaPathGraph } from '../../../../../src-main/model/gat/meta-paths';
import { gatherRows } from '../../../../../src-main/model/ops';
import type { EdgeIndex } from '../../../../../src-main/model/ops/reflect-aggregate';
import { ParamStore } from '../../../../../src-main/model/params';
import { Rng } from '../../../../../src-main/model/rng';
import type { TrainingData } from '../../../../../src-main/model/training-data';

const D = 4;
const N = 9;
/** Entities 0-5 are text, 6-8 images; 6 and 7 depict 0 and 2, 8 is an image seen only near image 7. */
const IMAGES = Int8Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1]);
const TRIPLES: [number, number, number][] = [[0, 0, 1], [1, 1, 2], [2, 0, 3], [3, 1, 4], [5, 0, 4], [6, 2, 0], [7, 2, 2], [8, 3, 7]];

function edgesOf(withImages: boolean): EdgeIndex {
  const t = withImages ? TRIPLES : TRIPLES.filter(([h, , tl]) => h < 6 && tl < 6);
  const data = { numEntities: N, heads: Int32Array.from(t, (x) => x[0]), rels: Int32Array.from(t, (x) => x[1]), tails: Int32Array.from(t, (x) => x[2]), numRelations: 4 } as TrainingData;
  const list = buildEdges(data);
  return { src: list.src, dst: list.dst, rel: list.rel, numNodes: N };
}

function encoder(seed: number, hops: number, withImages: boolean): { params: ParamStore; graph: MetaPathGraph; x: tf.Tensor2D } {
  const params = new ParamStore(new Rng(seed));
  defineMetaPathEncoder(params, 'mp', 8, D, hops, 0.8);
  const graph = buildMetaPaths(edgesOf(withImages), withImages ? IMAGES : new Int8Array(N), hops);
  return { params, graph, x: tf.randomNormal([N, D], 0, 1, 'float32', seed) as tf.Tensor2D };
}

describe('CrossEA meta-path encoder', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it('groups edges by the node kinds along the path; only paths with instances are kept', () => {
    const g = buildMetaPaths(edgesOf(true), IMAGES, 2);
    expect(g.levels[0].map((p) => metaPathName(p.kinds))).toEqual(['text', 'image']);
    expect(g.levels[1].map((p) => metaPathName(p.kinds)).sort()).toEqual(['image-image', 'image-text', 'text-image', 'text-text']);
    const textImage = g.levels[1].find((p) => metaPathName(p.kinds) === 'text-image')!;
    // text-image reaches node 1 (via 0 <- 6 and 2 <- 7) and node 3 (via 2 <- 7), not node 5.
    expect(textImage.existsHost[1]).toBe(1);
    expect(textImage.existsHost[3]).toBe(1);
    expect(textImage.existsHost[5]).toBe(0);
    const imageImage = g.levels[1].find((p) => metaPathName(p.kinds) === 'image-image')!;
    // Walks may turn back: 7 <- 8 <- 7 and 8 <- 7 <- 8 are image-image paths too.
    expect(Array.from(imageImage.existsHost)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 1]);
    disposeMetaPaths(g);
    const text = buildMetaPaths(edgesOf(false), new Int8Array(N), 3);
    expect(text.levels.map((l) => l.map((p) => metaPathName(p.kinds)))).toEqual([['text'], ['text-text'], ['text-text-text']]);
    disposeMetaPaths(text);
  });

  it('edgeDot: forward and gradients equal the composed gather version', () => {
    const edges = edgesOf(true);
    const q = tf.randomNormal([N, D], 0, 1, 'float32', 1) as tf.Tensor2D;
    const h = tf.randomNormal([N, D], 0, 1, 'float32', 2) as tf.Tensor2D;
    const w = tf.randomNormal([edges.src.length], 0, 1, 'float32', 3);
    const composed = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor => gatherRows(a, tf.tensor1d(edges.dst, 'int32')).mul(gatherRows(b, tf.tensor1d(edges.src, 'int32'))).sum(1);
    const close = (a: ArrayLike<number>, b: ArrayLike<number>): void => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    close(edgeDot(q, h, edges).dataSync(), composed(q, h).dataSync());
    const gF = tf.grads((a: tf.Tensor, b: tf.Tensor) => edgeDot(a as tf.Tensor2D, b as tf.Tensor2D, edges).mul(w).sum())([q, h]);
    const gR = tf.grads((a: tf.Tensor, b: tf.Tensor) => composed(a as tf.Tensor2D, b as tf.Tensor2D).mul(w).sum())([q, h]);
    gF.forEach((g, i) => close(g.dataSync(), gR[i].dataSync()));
  });

  it('output [N, d (L + 1)] with or without image nodes; a node with one text neighbour gets its message', () => {
    for (const withImages of [true, false]) {
      const { params, graph, x } = encoder(3, 2, withImages);
      const out = metaPathEncoder(params, 'mp', x, graph, 2, false);
      expect(out.shape).toEqual([N, 3 * D]);
      expect(out.dataSync().every(Number.isFinite)).toBe(true);
      // Node 5 receives from node 4 only: hop 1 = tanh(tanh(x_4)), scaled by the hop-1 weight.
      const gamma = hopWeights(params, 'mp', 2).dataSync();
      const row5 = out.slice([5, D], [1, D]).dataSync();
      const expected = x.slice([4, 0], [1, D]).tanh().tanh().mul(gamma[1]).dataSync();
      Array.from(row5).forEach((v, k) => expect(v).toBeCloseTo(expected[k], 5));
      disposeMetaPaths(graph);
      params.dispose();
    }
    const { params, graph, x } = encoder(4, 0, true);
    expect(metaPathEncoder(params, 'mp', x, graph, 0, true).shape).toEqual([N, D]);
    params.dispose();
  });

  it('hop weights decay: closer hops weigh more, before and after training, mean 1', () => {
    const { params, graph, x } = encoder(5, 3, true);
    const ordered = (): void => {
      const g = Array.from(hopWeights(params, 'mp', 3).dataSync());
      expect(g.reduce((s, v) => s + v, 0)).toBeCloseTo(4, 5);
      for (let l = 1; l < g.length; l++) expect(g[l]).toBeLessThan(g[l - 1]);
    };
    ordered();
    // Push toward far hops: the loss rewards the last hop's block; the order must still hold.
    const probe = tf.randomNormal([N, 4 * D], 0, 1, 'float32', 6);
    const loss = (): tf.Scalar => tf.tidy(() => metaPathEncoder(params, 'mp', x, graph, 3, true).mul(probe).sum().neg() as tf.Scalar);
    const first = loss().dataSync()[0];
    const opt = tf.train.adam(0.05);
    opt.minimize(loss, true, params.list())?.dispose();
    const steady = tf.memory().numTensors;
    for (let s = 0; s < 25; s++) opt.minimize(loss, true, params.list())?.dispose();
    expect(tf.memory().numTensors).toBe(steady);
    expect(loss().dataSync()[0]).toBeLessThan(first);
    ordered();
    opt.dispose();
    disposeMetaPaths(graph);
    params.dispose();
  });

  it('cpu and wasm agree on the forward pass and the gradients', async () => {
    const run = (): Float32Array[] => {
      const { params, graph, x } = encoder(7, 2, true);
      const probe = tf.randomNormal([N, 3 * D], 0, 1, 'float32', 8);
      const { value, grads } = tf.variableGrads(() => metaPathEncoder(params, 'mp', x, graph, 2, true).mul(probe).sum() as tf.Scalar, params.list());
      const out = [value.dataSync() as Float32Array, ...params.list().filter((v) => grads[v.name]).map((v) => grads[v.name].dataSync() as Float32Array)];
      disposeMetaPaths(graph);
      params.dispose();
      return out;
    };
    const cpu = run();
    await selectBackend('wasm');
    const wasm = run();
    expect(wasm.length).toBe(cpu.length);
    cpu.forEach((a, k) => a.forEach((v, i) => expect(Math.abs(v - wasm[k][i])).toBeLessThan(1e-4 * (1 + Math.abs(v)))));
  });
});
