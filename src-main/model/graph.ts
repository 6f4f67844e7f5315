import type { TrainingData } from './training-data';

/** The directed edge list the GAT runs over: every triple in both directions, inverse relations with their own ids. */
export interface EdgeList {
  /** Int32 [E]: the neighbour whose message flows along the edge. */
  src: Int32Array;
  /** Int32 [E]: the node that receives the message (softmax runs over each node's incoming edges). */
  dst: Int32Array;
  /** Int32 [E]: relation id in 0..2R-1, where r + R is the inverse of r. */
  rel: Int32Array;
  numRelations: number;
  /** Int32 [N]: incoming edges per node. */
  inDegree: Int32Array;
}

/** Builds the edge list; self loops are left out (each layer's own input is kept by the multi-hop concatenation). */
export function buildEdges(data: TrainingData, extra?: { heads: Int32Array; rels: Int32Array; tails: Int32Array }): EdgeList {
  const heads = extra ? concat(data.heads, extra.heads) : data.heads;
  const rels = extra ? concat(data.rels, extra.rels) : data.rels;
  const tails = extra ? concat(data.tails, extra.tails) : data.tails;
  const t = heads.length;
  const R = data.numRelations;
  const src = new Int32Array(2 * t);
  const dst = new Int32Array(2 * t);
  const rel = new Int32Array(2 * t);
  const inDegree = new Int32Array(data.numEntities);
  for (let i = 0; i < t; i++) {
    // Forward: the tail receives from the head along r; inverse: the head receives from the tail along r + R.
    src[2 * i] = heads[i];
    dst[2 * i] = tails[i];
    rel[2 * i] = rels[i];
    src[2 * i + 1] = tails[i];
    dst[2 * i + 1] = heads[i];
    rel[2 * i + 1] = rels[i] + R;
    inDegree[tails[i]]++;
    inDegree[heads[i]]++;
  }
  return { ...byDestination(src, dst, rel, inDegree), numRelations: 2 * R, inDegree };
}

/**
 * The edges reordered by receiving node (a counting sort, stable): the GAT kernels accumulate into the receiver's
 * row, and in this order those writes walk memory forward instead of jumping across [N x d] per edge.
 */
function byDestination(src: Int32Array, dst: Int32Array, rel: Int32Array, inDegree: Int32Array): { src: Int32Array; dst: Int32Array; rel: Int32Array } {
  const start = new Int32Array(inDegree.length + 1);
  for (let i = 0; i < inDegree.length; i++) start[i + 1] = start[i] + inDegree[i];
  const out = { src: new Int32Array(src.length), dst: new Int32Array(dst.length), rel: new Int32Array(rel.length) };
  for (let e = 0; e < dst.length; e++) {
    const at = start[dst[e]]++;
    out.src[at] = src[e];
    out.dst[at] = dst[e];
    out.rel[at] = rel[e];
  }
  return out;
}

/** a followed by b, as one new array. */
export function concat(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
