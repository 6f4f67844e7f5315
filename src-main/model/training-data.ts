/**
 * Everything the trainer needs, as typed arrays: no database, no IRIs. Entities are numbered 0..n-1 (KG1 and KG2
 * together); `side[i]` says which graph entity i belongs to. The worker builds this from the project file; tests
 * and benchmarks build it from files or generate it.
 */
export interface TrainingData {
  numEntities: number;
  /** Int8, 1 or 2 per entity. */
  side: Int8Array;
  /** Int8, 0 = text entity, 1 = image entity. */
  isImage: Int8Array;
  /** Directed relation triples (heads[i], rels[i], tails[i]); relation ids 0..numRelations-1 across both graphs. */
  heads: Int32Array;
  rels: Int32Array;
  tails: Int32Array;
  numRelations: number;
  /** Dense content features by modality, row i = entity i; absent modalities are omitted. */
  features: Partial<Record<'relation' | 'attribute' | 'image' | 'name', DenseFeature>>;
  /** Seed pairs by split, flat [left0, right0, left1, right1, ...] entity indices; `test` is never used for model selection. */
  pairs: { train: Int32Array; valid: Int32Array; test: Int32Array };
  /**
   * Uint8 [numEntities], optional: 1 = known to have a counterpart in the other graph. Benchmarks set it to the
   * entities of their gold pairs, and iterative training then proposes pseudo-seeds only among them, which is the
   * candidate pool of the published iterative figures (RREA, LightEA); absent = every entity is a candidate.
   */
  alignable?: Uint8Array;
  /** Pairs a curator rejected, usable as hard negatives (flat [left, right, left, right, ...]). */
  hardNegatives?: Int32Array;
}

/** A row-major float32 matrix [rows x cols] and, per row, whether the entity has the feature at all (1) or not (0). */
export interface DenseFeature {
  cols: number;
  data: Float32Array;
  present: Uint8Array;
}
