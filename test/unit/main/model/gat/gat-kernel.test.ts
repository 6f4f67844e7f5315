import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src-main/model/backend';
import { buildEdges } from '../../../../../src-main/model/graph';
import { reflectionGat, reflectionGatComposite, defineGat, type EdgeTensors } from '../../../../../src-main/model/gat/reflection-gat';
import { ParamStore } from '../../../../../src-main/model/params';
import { reflectAggregate } from '../../../../../src-main/model/ops';
import { Rng } from '../../../../../src-main/model/rng';
import { syntheticPair } from '../synthetic';

function edgeTensors(): EdgeTensors {
  const data = syntheticPair({ entities: 12, edgesPerNode: 2, relations: 3 });
  const list = buildEdges(data);
  return {
    src: tf.tensor1d(list.src, 'int32'),
    dst: tf.tensor1d(list.dst, 'int32'),
    rel: tf.tensor1d(list.rel, 'int32'),
    index: { src: list.src, dst: list.dst, rel: list.rel, numNodes: data.numEntities },
    numNodes: data.numEntities,
    numRelations: list.numRelations,
  };
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst).toBeLessThan(tol);
}

describe('relation-reflection GAT', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  for (const reflection of [true, false]) {
    it(`fused kernel equals the composed TF.js version, forward and gradients (reflection ${reflection})`, () => {
      const edges = edgeTensors();
      const params = new ParamStore(new Rng(3));
      const d = 5;
      defineGat(params, 'g', edges.numRelations, d, 2);
      const x = tf.randomNormal([edges.numNodes, d], 0, 0.7, 'float32', 4) as tf.Tensor2D;
      const w = tf.randomNormal([edges.numNodes, 3 * d], 0, 1, 'float32', 5);
      const fused = reflectionGat(params, 'g', x, edges, 2, reflection);
      const ref = reflectionGatComposite(params, 'g', x, edges, 2, reflection);
      expect(fused.shape).toEqual([edges.numNodes, 3 * d]);
      close(fused.dataSync(), ref.dataSync(), 1e-5);
      const vars = [params.get('g.rel'), params.get('g.attn')];
      const gf = tf.variableGrads(() => reflectionGat(params, 'g', x, edges, 2, reflection).mul(w).sum() as tf.Scalar, vars);
      const gr = tf.variableGrads(() => reflectionGatComposite(params, 'g', x, edges, 2, reflection).mul(w).sum() as tf.Scalar, vars);
      for (const v of vars) close(gf.grads[v.name].dataSync(), gr.grads[v.name].dataSync(), 1e-4);
      const dxF = tf.grad((v: tf.Tensor) => reflectionGat(params, 'g', v as tf.Tensor2D, edges, 2, reflection).mul(w).sum())(x);
      const dxR = tf.grad((v: tf.Tensor) => reflectionGatComposite(params, 'g', v as tf.Tensor2D, edges, 2, reflection).mul(w).sum())(x);
      close(dxF.dataSync(), dxR.dataSync(), 1e-4);
      params.dispose();
    });
  }

  it('the reflection keeps each message norm (Householder is orthogonal)', () => {
    // One edge 0 -> 1 with weight 1: out_1 = H h_0 must have |h_0|.
    const h = tf.tensor2d([[3, 4, 0], [0, 0, 0]]);
    const r = tf.tensor2d([[0.6, 0, 0.8]]);
    const out = reflectAggregate(h, r, tf.tensor1d([1]), { src: Int32Array.of(0), dst: Int32Array.of(1), rel: Int32Array.of(0), numNodes: 2 }, true).arraySync();
    expect(Math.hypot(...out[1])).toBeCloseTo(5, 5);
    // h - 2 (h . r) r with h . r = 1.8
    expect(out[1][0]).toBeCloseTo(3 - 2 * 1.8 * 0.6, 5);
    expect(out[0]).toEqual([0, 0, 0]);
  });

  it('multi-hop output keeps tanh(x) as the first block', () => {
    const edges = edgeTensors();
    const params = new ParamStore(new Rng(1));
    defineGat(params, 'g', edges.numRelations, 4, 2);
    const x = tf.randomNormal([edges.numNodes, 4], 0, 1, 'float32', 9) as tf.Tensor2D;
    const out = reflectionGat(params, 'g', x, edges, 2, true);
    close(out.slice([0, 0], [edges.numNodes, 4]).dataSync(), x.tanh().dataSync(), 1e-6);
    params.dispose();
  });
});
