import type { Db } from '../db';
import type { BandCounts, Thresholds } from '../../shared/dto';
import { MATCH_KINDS, type MatchKind } from '../../shared/model';
import { DEFAULT_THRESHOLDS, validateThresholds } from '../../align/thresholds';

/** The two thresholds per match kind (table `thresholds`), and band counts over the current candidates. */
export class ThresholdsRepository {
  private readonly selectAll;
  private readonly upsert;
  private readonly countAtLeast;
  private readonly countBelow;
  private readonly countAll;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare('SELECT kind, lower, upper FROM thresholds');
    this.upsert = db.prepare('INSERT INTO thresholds (kind, lower, upper) VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE SET lower = excluded.lower, upper = excluded.upper');
    // Each count is a range over candidate_kind_score (run, kind, score): cheap whatever the number of candidates.
    this.countAtLeast = db.prepare('SELECT count(*) AS n FROM candidate WHERE run = ? AND kind = ? AND score >= ?').pluck();
    this.countBelow = db.prepare('SELECT count(*) AS n FROM candidate WHERE run = ? AND kind = ? AND score < ?').pluck();
    this.countAll = db.prepare('SELECT count(*) AS n FROM candidate WHERE run = ? AND kind = ?').pluck();
  }

  /** Thresholds of every kind, defaults where none are stored. */
  all(): Thresholds[] {
    const stored = new Map((this.selectAll.all() as Thresholds[]).map((t) => [t.kind, t]));
    return MATCH_KINDS.map((kind) => stored.get(kind) ?? { ...DEFAULT_THRESHOLDS[kind] });
  }

  /** One kind's thresholds. */
  get(kind: MatchKind): Thresholds {
    return this.all().find((t) => t.kind === kind)!;
  }

  /** Whether the curator (or calibration) ever stored thresholds for a kind. */
  isStored(kind: MatchKind): boolean {
    return (this.selectAll.all() as Thresholds[]).some((t) => t.kind === kind);
  }

  /** Stores thresholds (validated; other kinds unchanged) in one transaction. */
  set(list: readonly Thresholds[]): Thresholds[] {
    const valid = validateThresholds(list);
    this.db.transaction(() => {
      for (const t of valid) this.upsert.run(t.kind, t.lower, t.upper);
    })();
    return this.all();
  }

  /** Candidates of `run` per kind and band under the current thresholds. */
  bandCounts(run: number | null): BandCounts[] {
    return this.all().map((t) => {
      if (run === null) return { kind: t.kind, auto: 0, review: 0, hidden: 0 };
      const total = this.countAll.get(run, t.kind) as number;
      const auto = this.countAtLeast.get(run, t.kind, t.upper) as number;
      const hidden = this.countBelow.get(run, t.kind, t.lower) as number;
      return { kind: t.kind, auto, review: total - auto - hidden, hidden };
    });
  }
}
