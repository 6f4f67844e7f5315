import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, FeatureModality } from './config';
import { buildEdges, type EdgeList } from './graph';
import { defineEncoder, disposeFeature, encode, uploadFeature, type FeatureInput } from './encoders';
import { defineAdaptiveWeights, modalityWeights } from './fusion/adaptive-weights';
import { defineLowRankFusion, lowRankFusion } from './fusion/low-rank';
import { concatFusion, defineConcatFusion } from './fusion/concat';
import { betaFusion, defineBetaFusion } from './fusion/beta-fusion';
import { defineTransformerFusion, transformerFusion } from './fusion/transformer-fusion';
import { defineMetaPathEncoder, metaPathEncoder } from './gat/meta-path-encoder';
import { buildMetaPaths, disposeMetaPaths, type MetaPathGraph } from './gat/meta-paths';
import { defineOptimalTransport } from './loss/optimal-transport';
import { defineGat, neighbourMean, reflectionGat, type EdgeTensors } from './gat/reflection-gat';
import { ParamStore } from './params';
import { Rng } from './rng';
import type { TrainingData } from './training-data';

/** What one forward pass yields. */
export interface ForwardOutput {
  /** [N, D]: the structure stack and the fused stack concatenated (D = 2 * stackDim * (layers + 1) or less). */
  final: tf.Tensor2D;
  /** [N, d] per content modality: the encoder outputs. */
  modal: tf.Tensor2D[];
  /** [N, d * (layers + 1)]: the structure stack's output. */
  structure: tf.Tensor2D;
  /** [N, fusedDim]: the joint (fused) vector that enters the second stack; absent without content modalities. */
  fused?: tf.Tensor2D;
  /** [N, M]: Beta fusion only, the standard deviation of each modality's weight (unmasked). */
  uncertainty?: tf.Tensor2D;
}

/** 'train' samples the Beta fusion weights (reparameterised); 'eval' uses their means. Nothing else differs. */
export type ForwardMode = 'train' | 'eval';

/**
 * The LoginMEA-style network over one TrainingData: a learnable structure embedding through a relation-reflection
 * GAT stack (or CrossEA's meta-path encoder), the content modalities through encoders, adaptive weights and
 * low-rank fusion (or concatenation, MIMEA's Beta fusion, MEAformer-style transformer fusion) through a second GAT
 * stack. Owns its variables and device inputs; call dispose().
 */
export class AlignmentModel {
  readonly params: ParamStore;
  /** The content modalities in use, in a fixed order (the columns of `available`). */
  readonly modalities: FeatureModality[];
  /** Per modality, Uint8 [N]: has the feature. */
  readonly present: Uint8Array[];
  readonly numEntities: number;
  private readonly inputs: FeatureInput[];
  private edges!: EdgeTensors;
  private invDeg!: tf.Tensor2D;
  private edgeOnes!: tf.Tensor1D;
  private metaPaths: MetaPathGraph | null = null;
  private readonly isImage: Int8Array;
  /** Seeds of the Beta fusion's training samples: its own stream, so the shared generator's sequence is unchanged. */
  private readonly sampleRng: Rng;

  constructor(data: TrainingData, private readonly config: ModelConfig, rng: Rng) {
    this.numEntities = data.numEntities;
    this.isImage = data.isImage;
    this.sampleRng = new Rng(config.seed ^ 0x5bd1e995);
    this.params = new ParamStore(rng);
    this.modalities = config.modalities.filter((m) => data.features[m] !== undefined);
    this.present = this.modalities.map((m) => data.features[m]!.present);
    this.inputs = this.modalities.map((m) => uploadFeature(data.features[m]!, data.numEntities));
    this.setEdges(buildEdges(data));
    const d = config.dim;
    const n = data.numEntities;
    this.params.normal('struct.emb', [n, d], 1 / Math.sqrt(n));
    if (config.structureEncoder === 'meta-path') defineMetaPathEncoder(this.params, 'mpS', 2 * data.numRelations, d, config.gatLayers, config.hopDecay);
    else defineGat(this.params, 'gatS', 2 * data.numRelations, d, config.gatLayers);
    if (this.modalities.length > 0) {
      this.modalities.forEach((m, i) => defineEncoder(this.params, m, this.inputs[i].numCols, d));
      defineAdaptiveWeights(this.params, this.modalities, d);
      if (config.fusion === 'low-rank') defineLowRankFusion(this.params, this.modalities, d, config.fusionRank);
      else if (config.fusion === 'beta') defineBetaFusion(this.params, this.modalities, d);
      else if (config.fusion === 'transformer') defineTransformerFusion(this.params, d, config.fusionHeads, config.fusionKeyDim);
      else defineConcatFusion(this.params, this.modalities);
      if (config.otLoss) defineOptimalTransport(this.params, this.modalities.length, this.fusedDim(), d);
      if (config.modalityLosses) for (const m of this.modalities) this.params.fill(`uncertainty.${m}`, [1], 0);
      defineGat(this.params, 'gatF', 2 * data.numRelations, this.fusedDim(), config.gatLayers);
    }
  }

  /** The width of the final vector. */
  get outputDim(): number {
    const s = this.config.dim * (this.config.gatLayers + 1);
    return this.modalities.length > 0 ? s + this.fusedDim() * (this.config.gatLayers + 1) : s;
  }

  /** Replaces the edge list (iterative training may add edges); the old tensors are freed. */
  setEdges(list: EdgeList): void {
    if (this.edges) this.disposeEdges();
    this.edges = {
      src: tf.tensor1d(list.src, 'int32'),
      dst: tf.tensor1d(list.dst, 'int32'),
      rel: tf.tensor1d(list.rel, 'int32'),
      index: { src: list.src, dst: list.dst, rel: list.rel, numNodes: this.numEntities },
      numNodes: this.numEntities,
      numRelations: list.numRelations,
    };
    const inv = new Float32Array(this.numEntities);
    for (let i = 0; i < inv.length; i++) inv[i] = 1 / (list.inDegree[i] + 1);
    this.invDeg = tf.tensor2d(inv, [this.numEntities, 1]);
    this.edgeOnes = tf.ones([list.src.length]);
    if (this.config.structureEncoder === 'meta-path') this.metaPaths = buildMetaPaths(this.edges.index, this.isImage, this.config.gatLayers);
  }

  /** Encoder outputs only, [N, d] per modality (cheap: no graph). */
  encodeModalities(): tf.Tensor2D[] {
    return this.modalities.map((m, i) => encode(this.params, m, this.inputs[i]));
  }

  /**
   * The full forward pass. `mask` [N, M] (present x not-frozen, 0..1) removes modalities per entity from the
   * weights; a zero weight also stops the gradient into that modality through the fusion. Dropout is applied by
   * the loss to the rows it uses (cheaper than over all N rows).
   */
  forward(mask: tf.Tensor2D | null, mode: ForwardMode = 'train'): ForwardOutput {
    const c = this.config;
    const structIn = neighbourMean(this.params.get('struct.emb') as tf.Tensor2D, this.edges, this.edgeOnes, this.invDeg);
    const structure = this.metaPaths
      ? metaPathEncoder(this.params, 'mpS', structIn, this.metaPaths, c.gatLayers, c.reflection)
      : reflectionGat(this.params, 'gatS', structIn, this.edges, c.gatLayers, c.reflection);
    const modal = this.encodeModalities();
    if (modal.length === 0 || !mask) return { final: structure, modal, structure };
    let fused: tf.Tensor2D;
    let uncertainty: tf.Tensor2D | undefined;
    if (c.fusion === 'low-rank') {
      fused = lowRankFusion(this.params, this.modalities, modal, modalityWeights(this.params, this.modalities, modal, mask, c.adaptiveWeights), c.dim, c.fusionRank);
    } else if (c.fusion === 'beta') {
      const out = betaFusion(this.params, this.modalities, modal, mask, mode === 'train' ? this.sampleRng.seed() : null);
      out.weights.dispose();
      fused = out.fused;
      uncertainty = out.uncertainty;
    } else if (c.fusion === 'transformer') {
      const out = transformerFusion(this.params, modal, mask, c.fusionHeads, c.fusionKeyDim);
      out.weights.dispose();
      fused = out.fused;
    } else {
      fused = concatFusion(this.params, modal, mask);
    }
    const final = tf.concat([structure, reflectionGat(this.params, 'gatF', fused, this.edges, c.gatLayers, c.reflection)], 1) as tf.Tensor2D;
    return { final, modal, structure, fused, ...(uncertainty ? { uncertainty } : {}) };
  }

  dispose(): void {
    this.params.dispose();
    this.inputs.forEach(disposeFeature);
    this.disposeEdges();
  }

  private disposeEdges(): void {
    const { src, dst, rel } = this.edges;
    tf.dispose([src, dst, rel, this.invDeg, this.edgeOnes]);
    if (this.metaPaths) disposeMetaPaths(this.metaPaths);
    this.metaPaths = null;
  }

  private fusedDim(): number {
    return this.config.fusion === 'concat' ? this.config.dim * this.modalities.length : this.config.dim;
  }
}
