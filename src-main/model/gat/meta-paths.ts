import * as tf from '@tensorflow/tfjs';
import type { EdgeIndex } from '../ops/reflect-aggregate';

/** Node kinds along a meta-path (TrainingData.isImage values). */
export const KIND_NAMES = ['text', 'image'] as const;

/**
 * One modality meta-path of length l that has at least one instance: the kinds of the nodes met walking out from
 * the target (kinds[0] = the neighbour's kind). Its representation aggregates, over `index` (the edges j -> i
 * whose sender j has kind kinds[0] and has the suffix path kinds[1..]), the suffix's representation at j.
 */
export interface MetaPath {
  kinds: number[];
  /** Position of the suffix path in the previous level (0 = the empty path, the node itself, at level 1). */
  suffix: number;
  index: EdgeIndex;
  /** Int32 [E_p]: the receivers, for the segment softmax. */
  dst: tf.Tensor1D;
  /** [N, 1]: 1 where the node has an instance of this path. */
  exists: tf.Tensor2D;
  /** The same on the host. */
  existsHost: Uint8Array;
}

/** The meta-paths per hop: levels[l - 1] holds the paths of length l (l = 1..hops). Owns its tensors. */
export interface MetaPathGraph {
  levels: MetaPath[][];
  numNodes: number;
}

/** "text-image" for kinds [0, 1]. */
export function metaPathName(kinds: number[]): string {
  return kinds.map((k) => KIND_NAMES[k]).join('-');
}

/**
 * Groups the directed edges (sender src, receiver dst, relation rel) by meta-path up to `hops` long, given each
 * node's kind (0 text, 1 image). Paths without an instance are left out, so a graph without image nodes has one
 * text path per hop (and costs what the plain GAT costs), and one with images at most 2^l paths at hop l.
 */
export function buildMetaPaths(edges: EdgeIndex, isImage: Int8Array, hops: number): MetaPathGraph {
  const n = edges.numNodes;
  const { src, dst, rel } = edges;
  let previous: Uint8Array[] = [new Uint8Array(n).fill(1)];
  let previousKinds: number[][] = [[]];
  const levels: MetaPath[][] = [];
  for (let l = 1; l <= hops; l++) {
    const level: MetaPath[] = [];
    previous.forEach((suffixExists, s) => {
      for (const kind of [0, 1]) {
        const picked: number[] = [];
        for (let e = 0; e < src.length; e++) {
          const j = src[e];
          if ((isImage[j] === 1 ? 1 : 0) === kind && suffixExists[j]) picked.push(e);
        }
        if (picked.length === 0) continue;
        const sub: EdgeIndex = {
          src: Int32Array.from(picked, (e) => src[e]),
          dst: Int32Array.from(picked, (e) => dst[e]),
          rel: Int32Array.from(picked, (e) => rel[e]),
          numNodes: n,
        };
        const existsHost = new Uint8Array(n);
        for (const i of sub.dst) existsHost[i] = 1;
        level.push({
          kinds: [kind, ...previousKinds[s]],
          suffix: s,
          index: sub,
          dst: tf.tensor1d(sub.dst, 'int32'),
          exists: tf.tensor2d(Float32Array.from(existsHost), [n, 1]),
          existsHost,
        });
      }
    });
    if (level.length === 0) break;
    levels.push(level);
    previous = level.map((p) => p.existsHost);
    previousKinds = level.map((p) => p.kinds);
  }
  return { levels, numNodes: n };
}

/** Frees a meta-path graph's tensors. */
export function disposeMetaPaths(g: MetaPathGraph): void {
  for (const level of g.levels) for (const p of level) tf.dispose([p.dst, p.exists]);
}
