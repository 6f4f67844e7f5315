import type { Db } from '../db';
import type { GoldSplit } from '../../shared/model';

/** One gold (reference) link: a left entity of graph 1, a right entity of graph 2, and its split. */
export interface GoldLink {
  left: number;
  right: number;
  split: GoldSplit;
}

/** Read access to the gold links that imports bring in (and that training and evaluation use). */
export class GoldRepository {
  constructor(private readonly db: Db) {}

  /** Counts per split and in total. */
  counts(): Record<GoldSplit, number> & { total: number } {
    const counts = { train: 0, valid: 0, test: 0, unsplit: 0, total: 0 };
    for (const row of this.db.prepare('SELECT split, count(*) AS n FROM gold_link GROUP BY split').all() as { split: GoldSplit; n: number }[]) {
      counts[row.split] = row.n;
      counts.total += row.n;
    }
    return counts;
  }

  /** Every gold link, optionally of some splits only, ordered by left then right. */
  list(splits?: readonly GoldSplit[]): GoldLink[] {
    if (!splits) return this.db.prepare('SELECT left, right, split FROM gold_link ORDER BY left, right').all() as GoldLink[];
    const marks = splits.map(() => '?').join(', ');
    return this.db.prepare(`SELECT left, right, split FROM gold_link WHERE split IN (${marks}) ORDER BY left, right`).all(...splits) as GoldLink[];
  }

  /** The gold partners of one entity, whichever side it is on. */
  partners(entityId: number): { otherId: number; split: GoldSplit }[] {
    return this.db
      .prepare('SELECT right AS otherId, split FROM gold_link WHERE left = ? UNION ALL SELECT left AS otherId, split FROM gold_link WHERE right = ?')
      .all(entityId, entityId) as { otherId: number; split: GoldSplit }[];
  }
}
