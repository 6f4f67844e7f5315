import type { EntityDetail } from '@shared/dto';
import { localName } from '../../composables/graph-build';

/** One row of the attribute table: the same attribute name on both sides where it exists. */
export interface AttributeRow {
  name: string;
  left: string[];
  right: string[];
}

/** Aligns two entities' attributes by local name (shared names first), so values can be compared across a row. */
export function alignAttributes(left: EntityDetail | null, right: EntityDetail | null): AttributeRow[] {
  const rows = new Map<string, AttributeRow>();
  const add = (detail: EntityDetail | null, side: 'left' | 'right'): void => {
    for (const a of detail?.attributes ?? []) {
      const name = localName(a.name);
      const key = name.toLowerCase();
      const row = rows.get(key) ?? { name, left: [], right: [] };
      row[side].push(a.value);
      rows.set(key, row);
    }
  };
  add(left, 'left');
  add(right, 'right');
  const shared = (r: AttributeRow): number => (r.left.length && r.right.length ? 0 : 1);
  return [...rows.values()].sort((a, b) => shared(a) - shared(b) || a.name.localeCompare(b.name));
}

/** A pair of neighbours, one on each side, that are aligned with each other: structural evidence. */
export interface AlignedNeighbour {
  left: { id: number; label: string; relation: string };
  right: { id: number; label: string; relation: string };
}

/**
 * Neighbours of the left entity whose aligned partner (gold or accepted) is a neighbour of the right entity.
 * Returns null when the back end does not report neighbours' partners.
 */
export function alignedNeighbours(left: EntityDetail | null, right: EntityDetail | null): AlignedNeighbour[] | null {
  if (!left || !right) return [];
  if (!left.relations.some((r) => r.otherAlignedTo !== undefined)) return left.relations.length ? null : [];
  const rightById = new Map(right.relations.map((r) => [r.otherId, r]));
  const out: AlignedNeighbour[] = [];
  const seen = new Set<string>();
  for (const r of left.relations) {
    if (r.otherAlignedTo === undefined || r.otherAlignedTo === null) continue;
    const match = rightById.get(r.otherAlignedTo);
    if (!match) continue;
    const key = `${r.otherId}-${match.otherId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      left: { id: r.otherId, label: r.otherLabel ?? localName(r.otherIri), relation: localName(r.relation) },
      right: { id: match.otherId, label: match.otherLabel ?? localName(match.otherIri), relation: localName(match.relation) },
    });
  }
  return out;
}
