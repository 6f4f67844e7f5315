import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { AppError } from '../../shared/errors';
import type { DecisionDto, UndoState } from '../../shared/dto';
import type { Verdict } from '../../shared/model';

/** One decision to record: the pair, the verdict ('clear' removes the pair's decision), and its context. */
export interface DecisionRecord {
  left: number;
  right: number;
  verdict: Verdict | 'clear';
  curator: string;
  note?: string | null;
  /** The model's score for the pair when the decision was made, and the run that produced it. */
  score?: number | null;
  run?: number | null;
}

/** A pair's decision as training and exports read it, resolved through IRIs to the current entity ids. */
export interface CurrentDecision {
  left: number;
  right: number;
  leftIri: string;
  rightIri: string;
  verdict: Verdict;
  curator: string;
  at: string;
  note: string | null;
  score: number | null;
  run: number | null;
  seq: number;
}

interface EventRow {
  seq: number;
  left: number;
  right: number;
  verdict: Verdict | 'clear';
  curator: string;
  at: string;
  note: string | null;
  score: number | null;
  run: number | null;
  batch: string | null;
}

/**
 * The curator's decisions: an append-only event log (decision_event) plus the current verdict per pair
 * (decision), both written in the same synchronous transaction, so a decision is on disk when `record` returns.
 * Undo marks the newest active event (or batch) 'undone'; redo re-activates the oldest undone one; a new
 * decision discards what could have been redone. Nothing is deleted, and nothing but these methods writes here:
 * re-import, re-training and re-generation of candidates leave both tables alone.
 */
export class DecisionsRepository {
  private readonly insertEvent;
  private readonly entity;
  private readonly latestActive;
  private readonly upsertCurrent;
  private readonly deleteCurrent;
  private readonly discardUndone;
  private readonly newestActive;
  private readonly oldestUndone;
  private readonly eventsOfBatch;
  private readonly setState;

  constructor(private readonly db: Db) {
    this.insertEvent = db.prepare(
      `INSERT INTO decision_event (left, right, left_iri, right_iri, verdict, curator, at, note, score, run, batch, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
    );
    this.entity = db.prepare('SELECT side, iri FROM entity WHERE id = ?');
    this.latestActive = db.prepare("SELECT seq, verdict FROM decision_event WHERE left = ? AND right = ? AND state = 'active' ORDER BY seq DESC LIMIT 1");
    this.upsertCurrent = db.prepare('INSERT INTO decision (left, right, verdict, seq) VALUES (?, ?, ?, ?) ON CONFLICT (left, right) DO UPDATE SET verdict = excluded.verdict, seq = excluded.seq');
    this.deleteCurrent = db.prepare('DELETE FROM decision WHERE left = ? AND right = ?');
    this.discardUndone = db.prepare("UPDATE decision_event SET state = 'discarded' WHERE state = 'undone'");
    this.newestActive = db.prepare("SELECT seq, batch FROM decision_event WHERE state = 'active' ORDER BY seq DESC LIMIT 1");
    this.oldestUndone = db.prepare("SELECT seq, batch FROM decision_event WHERE state = 'undone' ORDER BY seq ASC LIMIT 1");
    this.eventsOfBatch = db.prepare('SELECT seq, left, right FROM decision_event WHERE batch = ? AND state = ?');
    this.setState = db.prepare('UPDATE decision_event SET state = ? WHERE seq = ?');
  }

  /** Records one decision (its own transaction) and returns the undo state. */
  record(decision: DecisionRecord): UndoState {
    this.db.transaction(() => this.append([decision], null))();
    return this.undoState();
  }

  /** Records many decisions as one batch: one transaction, and one undo step. Returns the batch id. */
  recordBatch(decisions: readonly DecisionRecord[]): string {
    const batch = randomUUID();
    this.db.transaction(() => this.append(decisions, batch))();
    return batch;
  }

  private append(decisions: readonly DecisionRecord[], batch: string | null): void {
    if (decisions.length === 0) return;
    this.discardUndone.run();
    const at = new Date().toISOString();
    for (const d of decisions) {
      const left = this.entity.get(d.left) as { side: number; iri: string } | undefined;
      const right = this.entity.get(d.right) as { side: number; iri: string } | undefined;
      if (!left || !right) throw new AppError('NOT_FOUND', `no entity ${!left ? d.left : d.right} in this project`);
      if (left.side !== 1 || right.side !== 2) throw new AppError('BAD_INPUT', `a decision links a graph-1 entity (left) to a graph-2 entity (right); got ${d.left} (graph ${left.side}) and ${d.right} (graph ${right.side})`);
      if (!d.curator.trim()) throw new AppError('BAD_INPUT', 'a decision needs a curator (an ORCID or a name in the preferences)');
      const info = this.insertEvent.run(d.left, d.right, left.iri, right.iri, d.verdict, d.curator.trim(), at, d.note?.trim() || null, d.score ?? null, d.run ?? null, batch);
      if (d.verdict === 'clear') this.deleteCurrent.run(d.left, d.right);
      else this.upsertCurrent.run(d.left, d.right, d.verdict, Number(info.lastInsertRowid));
    }
  }

  /** Undoes the newest decision (or the whole batch it belongs to); false when there is nothing to undo. */
  undo(): boolean {
    return this.db.transaction(() => this.move(this.newestActive.get() as { seq: number; batch: string | null } | undefined, 'active', 'undone'))();
  }

  /** Redoes the most recently undone decision (or batch); false when there is nothing to redo. */
  redo(): boolean {
    return this.db.transaction(() => this.move(this.oldestUndone.get() as { seq: number; batch: string | null } | undefined, 'undone', 'active'))();
  }

  private move(head: { seq: number; batch: string | null } | undefined, from: string, to: string): boolean {
    if (!head) return false;
    const events = head.batch
      ? (this.eventsOfBatch.all(head.batch, from) as { seq: number; left: number; right: number }[])
      : [this.db.prepare('SELECT seq, left, right FROM decision_event WHERE seq = ?').get(head.seq) as { seq: number; left: number; right: number }];
    for (const e of events) this.setState.run(to, e.seq);
    for (const e of events) this.refreshPair(e.left, e.right);
    return true;
  }

  /** Re-derives a pair's current verdict from its newest active event. */
  private refreshPair(left: number, right: number): void {
    const latest = this.latestActive.get(left, right) as { seq: number; verdict: Verdict | 'clear' } | undefined;
    if (!latest || latest.verdict === 'clear') this.deleteCurrent.run(left, right);
    else this.upsertCurrent.run(left, right, latest.verdict, latest.seq);
  }

  /** Whether undo/redo can run, and how many pairs have a decision. */
  undoState(): UndoState {
    return {
      canUndo: this.newestActive.get() !== undefined,
      canRedo: this.oldestUndone.get() !== undefined,
      decisions: this.db.prepare('SELECT count(*) FROM decision').pluck().get() as number,
    };
  }

  /** The current verdict of one pair, or null. */
  verdictOf(left: number, right: number): Verdict | null {
    return (this.db.prepare('SELECT verdict FROM decision WHERE left = ? AND right = ?').pluck().get(left, right) as Verdict | undefined) ?? null;
  }

  /** Accepted partners of an entity (left or right side), for 1:1 conflict checks. */
  acceptedPartners(entity: number, side: 1 | 2): number[] {
    const sql = side === 1 ? "SELECT right FROM decision WHERE left = ? AND verdict = 'accept'" : "SELECT left FROM decision WHERE right = ? AND verdict = 'accept'";
    return this.db.prepare(sql).pluck().all(entity) as number[];
  }

  /**
   * Every pair's current decision, with the details of the event that set it: accepted pairs are training
   * seeds, rejected pairs hard negatives. Ids are re-resolved by IRI, so they match the entities as they are now.
   */
  currentDecisions(verdicts?: readonly Verdict[]): CurrentDecision[] {
    const filter = verdicts?.length ? `WHERE d.verdict IN (${verdicts.map(() => '?').join(', ')})` : '';
    return this.db.prepare(
      `SELECT l.id AS left, r.id AS right, e.left_iri AS leftIri, e.right_iri AS rightIri, d.verdict, e.curator, e.at, e.note, e.score, e.run, e.seq
       FROM decision d JOIN decision_event e ON e.seq = d.seq
       JOIN entity l ON l.side = 1 AND l.iri = e.left_iri JOIN entity r ON r.side = 2 AND r.iri = e.right_iri
       ${filter} ORDER BY e.seq`,
    ).all(...(verdicts ?? [])) as CurrentDecision[];
  }

  /** Active decision events, newest first (the editable history). */
  history(offset: number, limit: number): DecisionDto[] {
    const rows = this.db.prepare(
      "SELECT seq, left, right, verdict, curator, at, note, score, run, batch FROM decision_event WHERE state = 'active' ORDER BY seq DESC LIMIT ? OFFSET ?",
    ).all(limit, offset) as EventRow[];
    return rows.map((r) => ({ seq: r.seq, left: r.left, right: r.right, verdict: r.verdict, curator: r.curator, at: r.at, note: r.note, score: r.score, runId: r.run, batch: r.batch }));
  }

  /** The number of decisions made (active events: the curator's effort, OAEI interactive-matching style). */
  eventCount(): number {
    return this.db.prepare("SELECT count(*) FROM decision_event WHERE state = 'active'").pluck().get() as number;
  }
}
