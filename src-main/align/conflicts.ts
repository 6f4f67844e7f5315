import type { MatchKind } from '../shared/model';

/** Whether a kind of match is held to 1:1 (cross-modal links are not: a text entity may have many pictures). */
export function isOneToOne(kind: MatchKind): boolean {
  return kind !== 'text-image';
}

/** What is known around one candidate pair, for the conflict note the review queue shows. */
export interface ConflictContext {
  kind: MatchKind;
  /** Accepted partners (IRI or label) of the left entity other than this right one, and vice versa. */
  leftAcceptedWith: string[];
  rightAcceptedWith: string[];
  /** A stronger open or accepted candidate sharing one of the two entities, if any. */
  stronger: { other: string; score: number } | null;
}

/** The 1:1 conflict of a pair in a curator's words, or null when there is none. */
export function describeConflict(c: ConflictContext): string | null {
  if (!isOneToOne(c.kind)) return null;
  const notes: string[] = [];
  if (c.leftAcceptedWith.length) notes.push(`left entity already accepted with ${c.leftAcceptedWith.join(', ')}`);
  if (c.rightAcceptedWith.length) notes.push(`right entity already accepted with ${c.rightAcceptedWith.join(', ')}`);
  if (!notes.length && c.stronger) notes.push(`competes with ${c.stronger.other} (score ${c.stronger.score.toFixed(3)})`);
  return notes.length ? notes.join('; ') : null;
}

/**
 * Greedy 1:1 selection for a bulk accept: walks candidates best first and takes a pair only when neither
 * entity is already taken (by an earlier pick or by `taken`, the entities with an accepted partner of this
 * kind). Cross-modal kinds take everything. Returns the indices picked.
 */
export function greedyOneToOne(candidates: readonly { left: number; right: number; score: number }[], kind: MatchKind, taken: { left: Set<number>; right: Set<number> }): number[] {
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[b].score - candidates[a].score || a - b);
  if (!isOneToOne(kind)) return order;
  const left = new Set(taken.left);
  const right = new Set(taken.right);
  const picked: number[] = [];
  for (const i of order) {
    const c = candidates[i];
    if (left.has(c.left) || right.has(c.right)) continue;
    left.add(c.left);
    right.add(c.right);
    picked.push(i);
  }
  return picked;
}
