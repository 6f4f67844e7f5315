import * as tf from '@tensorflow/tfjs';
import { gatherVector, l2Normalize, matMul, reflectAggregate, segmentSoftmax } from '../ops';
import type { EdgeIndex } from '../ops/reflect-aggregate';
import type { ParamStore } from '../params';
import { gatStack } from './gat-kernel';

/** The edge list: host arrays for the fused kernels, int32 tensors for the composed reference. */
export interface EdgeTensors {
  src: tf.Tensor1D;
  dst: tf.Tensor1D;
  rel: tf.Tensor1D;
  index: EdgeIndex;
  numNodes: number;
  numRelations: number;
}

/** Declares a stack's relation embeddings [2R, d] and its attention vectors a_l as rows of [L, d]. */
export function defineGat(params: ParamStore, prefix: string, numRelations: number, dim: number, layers: number): void {
  params.normal(`${prefix}.rel`, [numRelations, dim], 1 / Math.sqrt(dim));
  if (layers > 0) params.normal(`${prefix}.attn`, [layers, dim], 1 / Math.sqrt(dim));
}

/**
 * Relation-reflection graph attention over x [N, d] -> [N, d * (layers + 1)] (tanh(x) and every layer's output
 * concatenated: multi-hop). Per directed edge j -> i with unit relation vector r: message h_j - 2 (h_j . r) r (a
 * Householder reflection: norms and distances kept), attention logit a_l . r, softmax over i's incoming edges,
 * sum, tanh. Edge-wise, memory O(E + N d), never N x N; runs as the fused host kernel (gat-kernel.ts).
 */
export function reflectionGat(params: ParamStore, prefix: string, x: tf.Tensor2D, edges: EdgeTensors, layers: number, reflection: boolean): tf.Tensor2D {
  if (layers === 0) return tf.tidy(() => x.tanh() as tf.Tensor2D);
  return gatStack(x, params.get(`${prefix}.rel`) as tf.Tensor2D, params.get(`${prefix}.attn`) as tf.Tensor2D, edges.index, reflection);
}

/**
 * The same stack composed from TF.js ops (gather/segment-softmax/aggregation custom-gradient pairs). Slower and
 * memory-hungry on wasm; kept as the reference the fused kernel is tested against.
 */
export function reflectionGatComposite(params: ParamStore, prefix: string, x: tf.Tensor2D, edges: EdgeTensors, layers: number, reflection: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    let h = x.tanh() as tf.Tensor2D;
    const outputs: tf.Tensor2D[] = [h];
    const unitRel = l2Normalize(params.get(`${prefix}.rel`) as tf.Tensor2D);
    const d = x.shape[1];
    for (let l = 0; l < layers; l++) {
      // Logits depend on the relation only: compute them per relation [2R], then look them up per edge.
      const a = params.get(`${prefix}.attn`).slice([l, 0], [1, d]).reshape([d, 1]) as tf.Tensor2D;
      const relLogits = matMul(unitRel, a).reshape([-1]) as tf.Tensor1D;
      const att = segmentSoftmax(gatherVector(relLogits, edges.rel), edges.dst, edges.numNodes);
      h = reflectAggregate(h, unitRel, att, edges.index, reflection).tanh() as tf.Tensor2D;
      outputs.push(h);
    }
    return tf.concat(outputs, 1) as tf.Tensor2D;
  });
}

/** Mean over each node and its in-neighbours (RREA's input smoothing of the structure embedding) -> [N, d]. */
export function neighbourMean(x: tf.Tensor2D, edges: EdgeTensors, ones: tf.Tensor1D, invDegreePlusOne: tf.Tensor2D): tf.Tensor2D {
  // The aggregation kernel without reflection and with unit weights is a plain neighbour sum.
  return tf.tidy(() => reflectAggregate(x, tf.zeros([1, x.shape[1]]), ones, edges.index, false).add(x).mul(invDegreePlusOne) as tf.Tensor2D);
}
