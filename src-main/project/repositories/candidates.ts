import type { Db } from '../db';
import type { CandidateDto, CandidateStatus, EntitySummary, QueueQuery, Thresholds } from '../../shared/dto';
import { MATCH_KINDS, MODALITIES, type EntityKind, type MatchKind, type Modality } from '../../shared/model';
import type { CandidateTable } from '../../align/candidate-table';
import { bandOf, type Band } from '../../align/thresholds';

/** How the current candidates were generated (kept in meta under `candidates.generation`). */
export interface GenerationInfo {
  run: number;
  topK: number;
  csls: boolean;
  generatedAt: string;
  count: number;
  seconds: number;
}

/** A candidate row as stored. */
export interface StoredCandidate {
  id: number;
  left: number;
  right: number;
  kind: MatchKind;
  score: number;
  rankLeft: number | null;
  rankRight: number | null;
  mutual: boolean;
  margin: number;
  evidence: Partial<Record<Modality, number>>;
}

const META_KEY = 'candidates.generation';

const CANDIDATE_COLUMNS = 'c.id, c.left, c.right, c.kind, c.score, c.rank_left AS rankLeft, c.rank_right AS rankRight, c.mutual, c.margin, c.evidence';

type Row = Omit<StoredCandidate, 'mutual' | 'evidence'> & { mutual: number; evidence: string };

function fromRow(row: Row): StoredCandidate {
  return { ...row, mutual: row.mutual === 1, evidence: JSON.parse(row.evidence) as Partial<Record<Modality, number>> };
}

/**
 * The suggested alignments of the current run. Generation replaces them as a whole (one transaction), which
 * never touches a decision: decisions live in their own tables and only refer to entities.
 */
export class CandidatesRepository {
  private readonly insert;
  private readonly selectPair;
  private readonly selectGeneration;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO candidate (run, left, right, kind, score, rank_left, rank_right, mutual, margin, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectPair = db.prepare(`SELECT ${CANDIDATE_COLUMNS} FROM candidate c WHERE c.run = ? AND c.left = ? AND c.right = ?`);
    this.selectGeneration = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  }

  /** Replaces every stored candidate with `table` (generated from `info.run`'s embeddings), in one transaction. */
  replace(table: CandidateTable, info: Omit<GenerationInfo, 'count'>): GenerationInfo {
    const full: GenerationInfo = { ...info, count: table.count };
    const width = MODALITIES.length;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM candidate').run();
      for (let r = 0; r < table.count; r++) {
        const evidence: Record<string, number> = {};
        for (let q = 0; q < width; q++) {
          const v = table.evidence[r * width + q];
          if (!Number.isNaN(v)) evidence[MODALITIES[q]] = Math.round(v * 1e6) / 1e6;
        }
        this.insert.run(
          info.run, table.left[r], table.right[r], MATCH_KINDS[table.kind[r]], table.score[r],
          table.rankLeft[r] || null, table.rankRight[r] || null, table.mutual[r], table.margin[r], JSON.stringify(evidence),
        );
      }
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_KEY, JSON.stringify(full));
    })();
    return full;
  }

  /** How the current candidates were made, or null before the first generation. */
  generation(): GenerationInfo | null {
    const raw = this.selectGeneration.get(META_KEY) as string | undefined;
    return raw ? (JSON.parse(raw) as GenerationInfo) : null;
  }

  /** The run whose candidates are current, or null. */
  currentRun(): number | null {
    return this.generation()?.run ?? null;
  }

  /** The current candidate for a pair, or null. */
  pair(left: number, right: number): StoredCandidate | null {
    const run = this.currentRun();
    if (run === null) return null;
    const row = this.selectPair.get(run, left, right) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Every current candidate of a kind, best first (calibration, curves, exports). */
  ofKind(kind: MatchKind): StoredCandidate[] {
    const run = this.currentRun();
    if (run === null) return [];
    return (this.db.prepare(`SELECT ${CANDIDATE_COLUMNS} FROM candidate c WHERE c.run = ? AND c.kind = ? ORDER BY c.score DESC, c.id`).all(run, kind) as Row[]).map(fromRow);
  }

  /** Scores and pairs of a kind at or above `min`, best first, without evidence (fast path for big sets). */
  scoresAtLeast(kind: MatchKind, min: number): { id: number; left: number; right: number; score: number }[] {
    const run = this.currentRun();
    if (run === null) return [];
    return this.db.prepare('SELECT id, left, right, score FROM candidate WHERE run = ? AND kind = ? AND score >= ? ORDER BY score DESC, id').all(run, kind, min) as { id: number; left: number; right: number; score: number }[];
  }

  /**
   * Every current candidate of a kind as (left, right, score), in storage order: a sequential scan of the table
   * (NOT INDEXED), which beats walking the score index and fetching each row (10x on DBP15K-size sets); rows are
   * streamed to `visit`, never held as one array.
   */
  forEachOfKind(kind: MatchKind, visit: (left: number, right: number, score: number) => void): void {
    const run = this.currentRun();
    if (run === null) return;
    for (const [l, r, sc] of this.db.prepare('SELECT left, right, score FROM candidate NOT INDEXED WHERE run = ? AND kind = ?').raw().iterate(run, kind) as Iterable<[number, number, number]>) visit(l, r, sc);
  }

  /** Candidates of a kind in the auto band that have no current decision, best first. */
  undecidedAtLeast(kind: MatchKind, upper: number): { id: number; left: number; right: number; score: number }[] {
    const run = this.currentRun();
    if (run === null) return [];
    return this.db.prepare(
      `SELECT c.id, c.left, c.right, c.score FROM candidate c LEFT JOIN decision d ON d.left = c.left AND d.right = c.right
       WHERE c.run = ? AND c.kind = ? AND c.score >= ? AND d.verdict IS NULL ORDER BY c.score DESC, c.id`,
    ).all(run, kind, upper) as { id: number; left: number; right: number; score: number }[];
  }

  /**
   * The best other non-rejected candidate of the same kind sharing the left or the right entity and scoring
   * above `score` among those at or above `minScore` (the competitor a 1:1 alignment would lose to), or null.
   */
  strongerCompetitor(c: { left: number; right: number; kind: MatchKind; score: number }, minScore: number): { left: number; right: number; score: number } | null {
    const run = this.currentRun();
    if (run === null) return null;
    // Two lookups (by left, by right) on their own indexes; the unary + keeps the planner off the score index,
    // which for a low-scoring pair would walk every better candidate of the kind.
    const row = this.db.prepare(
      `SELECT o.left, o.right, o.score FROM (
         SELECT left, right, score FROM candidate WHERE run = ? AND left = ? AND right <> ? AND +kind = ? AND +score > ? AND +score >= ?
         UNION ALL
         SELECT left, right, score FROM candidate WHERE run = ? AND right = ? AND left <> ? AND +kind = ? AND +score > ? AND +score >= ?
       ) o LEFT JOIN decision d ON d.left = o.left AND d.right = o.right
       WHERE d.verdict IS NULL OR d.verdict <> 'reject' ORDER BY o.score DESC LIMIT 1`,
    ).get(run, c.left, c.right, c.kind, c.score, minScore, run, c.right, c.left, c.kind, c.score, minScore) as { left: number; right: number; score: number } | undefined;
    return row ?? null;
  }

  /** One page of the review queue and the total matching the filters. */
  queue(query: QueueQuery, thresholds: readonly Thresholds[]): { total: number; items: (StoredCandidate & { band: ReturnType<typeof bandOf>; status: CandidateStatus; leftEntity: EntitySummary; rightEntity: EntitySummary; disagreement: boolean })[] } {
    const run = this.currentRun();
    if (run === null) return { total: 0, items: [] };
    const t = new Map(thresholds.map((x) => [x.kind, x]));
    const kinds = (query.kinds?.length ? query.kinds : MATCH_KINDS).filter((k) => t.has(k));
    const bands: Band[] = query.bands?.length ? [...query.bands] : ['auto', 'review', 'hidden'];
    const thresholdCte = `WITH t(kind, lower, upper) AS (VALUES ${MATCH_KINDS.map(() => '(?, ?, ?)').join(', ')})`;
    const tParams = MATCH_KINDS.flatMap((k) => [k, t.get(k)?.lower ?? 0, t.get(k)?.upper ?? 1]);
    const disagreement = "((d.verdict = 'accept' AND c.score < t.lower) OR (d.verdict = 'reject' AND c.score >= t.upper))";
    // Phase 1 finds the page's ids joining only what the filters need; phase 2 reads the page's details. Joining
    // entities for every candidate before sorting made a DBP15K-size queue page take seconds.
    const needsDecision = Boolean(query.status?.length) || Boolean(query.disagreementsOnly);
    const search = query.search?.trim();
    const matching = search
      ? JSON.stringify(this.db.prepare("SELECT id FROM entity WHERE label LIKE ? ESCAPE '\\' OR iri LIKE ? ESCAPE '\\'").pluck().all(...Array(2).fill(`%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)))
      : null;
    const filtered = (subset: readonly Band[]): { from: string; params: unknown[] } | null => {
      const where: string[] = ['c.run = ?'];
      const params: unknown[] = [run];
      // Bands become score ranges per kind, so the (run, kind, score) index answers them.
      const ranges: string[] = [];
      for (const kind of kinds) {
        const { lower, upper } = t.get(kind)!;
        for (const band of subset) {
          if (band === 'auto') {
            ranges.push('(c.kind = ? AND c.score >= ?)');
            params.push(kind, upper);
          } else if (band === 'review') {
            ranges.push('(c.kind = ? AND c.score >= ? AND c.score < ?)');
            params.push(kind, lower, upper);
          } else {
            ranges.push('(c.kind = ? AND c.score < ?)');
            params.push(kind, lower);
          }
        }
      }
      if (ranges.length === 0) return null;
      where.push(`(${ranges.join(' OR ')})`);
      if (query.status?.length) {
        const verdicts = query.status.filter((st) => st !== 'open');
        const parts: string[] = [];
        if (query.status.includes('open')) parts.push('d.verdict IS NULL');
        if (verdicts.length) {
          parts.push(`d.verdict IN (${verdicts.map(() => '?').join(', ')})`);
          params.push(...verdicts);
        }
        where.push(`(${parts.join(' OR ')})`);
      }
      if (matching) {
        // Entities matching the search first (one pass over the entity table), then their candidates by index.
        where.push(`c.id IN (SELECT id FROM candidate WHERE run = ? AND left IN (SELECT value FROM json_each(?))
          UNION SELECT id FROM candidate WHERE run = ? AND right IN (SELECT value FROM json_each(?)))`);
        params.push(run, matching, run, matching);
      }
      if (query.disagreementsOnly) where.push(disagreement);
      const joins = needsDecision ? ' LEFT JOIN decision d ON d.left = c.left AND d.right = c.right' : '';
      return { from: `FROM candidate c JOIN t ON t.kind = c.kind${joins} WHERE ${where.join(' AND ')}`, params };
    };
    const count = (f: { from: string; params: unknown[] }) => this.db.prepare(`${thresholdCte} SELECT count(*) ${f.from}`).pluck().get(...tParams, ...f.params) as number;
    const page = (f: { from: string; params: unknown[] }, order: string, limit: number, offset: number) =>
      this.db.prepare(`${thresholdCte} SELECT c.id ${f.from} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...tParams, ...f.params, limit, offset) as number[];
    let total = 0;
    let ids: number[] = [];
    if (query.order === 'score') {
      const f = filtered(bands);
      if (!f) return { total: 0, items: [] };
      total = count(f);
      ids = page(f, 'c.score DESC, c.id', query.limit, query.offset);
    } else {
      // "informative": the review band first, then auto, then hidden; within a band the most ambiguous pair
      // (smallest margin to the runner-up) first. One query per band, so a page sorts one band, not all.
      let offset = query.offset;
      for (const band of (['review', 'auto', 'hidden'] as const).filter((b) => bands.includes(b))) {
        const f = filtered([band]);
        if (!f) continue;
        const n = count(f);
        total += n;
        if (ids.length >= query.limit) continue;
        if (offset >= n) {
          offset -= n;
          continue;
        }
        ids = ids.concat(page(f, 'abs(c.margin), c.score DESC, c.id', query.limit - ids.length, offset));
        offset = 0;
      }
    }
    const detail = this.db.prepare(
      `${thresholdCte} SELECT ${CANDIDATE_COLUMNS}, d.verdict AS verdict, ${disagreement} AS disagreement,
         l.side AS lSide, l.iri AS lIri, l.label AS lLabel, l.kind AS lKind, r.side AS rSide, r.iri AS rIri, r.label AS rLabel, r.kind AS rKind
       FROM candidate c JOIN t ON t.kind = c.kind JOIN entity l ON l.id = c.left JOIN entity r ON r.id = c.right
       LEFT JOIN decision d ON d.left = c.left AND d.right = c.right WHERE c.id = ?`,
    );
    const rows = ids.map((id) => detail.get(...tParams, id)) as (Row & { verdict: CandidateStatus | null; disagreement: number | null; lSide: 1 | 2; lIri: string; lLabel: string | null; lKind: EntityKind; rSide: 1 | 2; rIri: string; rLabel: string | null; rKind: EntityKind })[];
    return {
      total,
      items: rows.map((row) => ({
        ...fromRow(row),
        band: bandOf(row.score, t.get(row.kind)!),
        status: row.verdict ?? 'open',
        disagreement: row.disagreement === 1,
        leftEntity: { id: row.left, side: row.lSide, iri: row.lIri, label: row.lLabel, kind: row.lKind },
        rightEntity: { id: row.right, side: row.rSide, iri: row.rIri, label: row.rLabel, kind: row.rKind },
      })),
    };
  }
}

/** The DTO of a queue item (conflict filled in by the caller). */
export function candidateDto(item: ReturnType<CandidatesRepository['queue']>['items'][number], conflict: string | null): CandidateDto {
  return {
    id: item.id,
    left: item.leftEntity,
    right: item.rightEntity,
    kind: item.kind,
    score: item.score,
    rank: item.rankLeft ?? item.rankRight ?? 0,
    margin: item.margin,
    mutual: item.mutual,
    band: item.band,
    evidence: item.evidence,
    status: item.status,
    conflict,
    disagreement: item.disagreement,
  };
}
