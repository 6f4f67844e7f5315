import type { CandidateDto, CandidateStatus } from '@shared/dto';

/** One step of the renderer's mirror of the back end's undo stack: which pair changed, and from what to what. */
export type LocalStep =
  | { type: 'decide'; candidateId: number; before: CandidateStatus; after: CandidateStatus }
  | { type: 'batch'; kind: string; accepted: number };

/** Sets the status of one candidate in a list, returning a new list (other items keep their identity). */
export function withStatus(items: readonly CandidateDto[], candidateId: number, status: CandidateStatus): CandidateDto[] {
  return items.map((item) => (item.id === candidateId ? { ...item, status } : item));
}

/**
 * A 1:1 conflict the curator is about to create or has created: another loaded pair of the same kind, sharing an
 * entity, that is accepted. The back end flags conflicts too (`conflict`); this catches those made in this session.
 */
export function localConflict(items: readonly CandidateDto[], candidate: CandidateDto): string | null {
  for (const other of items) {
    if (other.id === candidate.id || other.status !== 'accept' || other.kind !== candidate.kind) continue;
    if (other.left.id === candidate.left.id) {
      return `${label(candidate.left)} is already accepted with ${label(other.right)}`;
    }
    if (other.right.id === candidate.right.id) {
      return `${label(candidate.right)} is already accepted with ${label(other.left)}`;
    }
  }
  return null;
}

function label(entity: { label: string | null; iri: string }): string {
  return entity.label ?? entity.iri;
}

/** The index of the next item still open after `from` (wrapping to none: returns the next index when all are done). */
export function nextOpenIndex(items: readonly CandidateDto[], from: number): number {
  for (let i = from + 1; i < items.length; i++) if (items[i].status === 'open') return i;
  return Math.min(from + 1, Math.max(0, items.length - 1));
}
