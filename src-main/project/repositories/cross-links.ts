import type { Db } from '../db';
import type { CrossLink } from '../../shared/dto';

/** How many model candidates a node shows at most (the strongest first); gold and accepted links are all shown. */
const MAX_CANDIDATES = 3;

/**
 * Links from an entity into the other graph, for joining the two graph panes and for the evidence of aligned
 * neighbours: gold pairs, accepted decisions, and the latest run's candidates that are not decided yet (auto-band
 * ones marked 'auto'; hidden-band ones left out).
 */
export class CrossLinks {
  private readonly gold;
  private readonly accepted;
  private readonly candidates;
  private readonly latestRun;

  constructor(db: Db) {
    this.gold = db.prepare('SELECT right FROM gold_link WHERE left = @id UNION SELECT left FROM gold_link WHERE right = @id').pluck();
    this.accepted = db.prepare(`SELECT right FROM decision WHERE left = @id AND verdict = 'accept'
      UNION SELECT left FROM decision WHERE right = @id AND verdict = 'accept'`).pluck();
    // Two index lookups (run, left) and (run, right) joined by UNION ALL: an OR across both columns made SQLite
    // scan every candidate of the run, once per node of a neighbourhood (4 s for 500 nodes on DBP15K).
    this.candidates = db.prepare(`SELECT x.other, x.score, t.lower, t.upper FROM (
        SELECT c.right AS other, c.score, c.kind, c.left AS l, c.right AS r FROM candidate c WHERE c.run = @run AND c.left = @id
        UNION ALL
        SELECT c.left AS other, c.score, c.kind, c.left AS l, c.right AS r FROM candidate c WHERE c.run = @run AND c.right = @id
      ) x LEFT JOIN thresholds t ON t.kind = x.kind
      WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.left = x.l AND d.right = x.r)
      ORDER BY x.score DESC LIMIT 20`);
    this.latestRun = db.prepare('SELECT max(run) FROM candidate').pluck();
  }

  /** Every link of one entity: gold, then accepted, then up to three open candidates. */
  of(id: number, run: number | null = this.currentRun()): CrossLink[] {
    const links: CrossLink[] = [];
    const seen = new Set<number>();
    const add = (otherId: number, status: CrossLink['status'], score: number | null) => {
      if (seen.has(otherId)) return;
      seen.add(otherId);
      links.push({ otherId, status, score });
    };
    for (const other of this.gold.all({ id }) as number[]) add(other, 'gold', null);
    for (const other of this.accepted.all({ id }) as number[]) add(other, 'accepted', null);
    if (run === null) return links;
    let shown = 0;
    for (const c of this.candidates.all({ id, run }) as { other: number; score: number; lower: number | null; upper: number | null }[]) {
      if (shown >= MAX_CANDIDATES) break;
      if (c.lower !== null && c.score < c.lower) continue;
      if (seen.has(c.other)) continue;
      add(c.other, c.upper !== null && c.score >= c.upper ? 'auto' : 'candidate', c.score);
      shown++;
    }
    return links;
  }

  /** The entity of the other graph this one is aligned to (gold first, then accepted), or null. */
  alignedTo(id: number): number | null {
    return (this.gold.get({ id }) as number | undefined) ?? (this.accepted.get({ id }) as number | undefined) ?? null;
  }

  /** The run whose candidates are shown: the latest that produced any. */
  currentRun(): number | null {
    return (this.latestRun.get() as number | null) ?? null;
  }
}
