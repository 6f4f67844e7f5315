/** Kinds shared by the graph, the model and the review queue. */
export type GraphSide = 1 | 2;
export type EntityKind = 'text' | 'image';
export type GoldSplit = 'train' | 'valid' | 'test' | 'unsplit';
/** The kind of a candidate pair, from the kinds of its two entities. */
export type MatchKind = 'text-text' | 'image-image' | 'text-image';
export type Modality = 'structure' | 'relation' | 'attribute' | 'image' | 'name';
export type Verdict = 'accept' | 'reject' | 'unsure';

export const MATCH_KINDS: readonly MatchKind[] = ['text-text', 'image-image', 'text-image'];
export const MODALITIES: readonly Modality[] = ['structure', 'relation', 'attribute', 'image', 'name'];

/** The match kind of a pair of entity kinds (order-free). */
export function matchKindOf(a: EntityKind, b: EntityKind): MatchKind {
  if (a === 'text' && b === 'text') return 'text-text';
  if (a === 'image' && b === 'image') return 'image-image';
  return 'text-image';
}
