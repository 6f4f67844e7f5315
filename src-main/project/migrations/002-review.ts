import type { Migration } from './migration';

/**
 * Review tables, second cut:
 * - candidate.rank_left becomes nullable: candidates are the union of both sides' top-k lists, so a pair may be
 *   in the right entity's list only. SQLite cannot relax NOT NULL in place, so the table is rebuilt (rows kept).
 * - `decision`: the current verdict per pair, derived from decision_event in the same transaction as each event,
 *   so that queue filters and band counts by status are index joins instead of a scan of the whole history.
 * - decision_event_state: undo/redo look for the newest active and the oldest undone event.
 */
export const migration002: Migration = {
  version: 2,
  name: 'review: nullable candidate rank, current decisions',
  up: `
    CREATE TABLE candidate_new (
      id INTEGER PRIMARY KEY,
      run INTEGER NOT NULL REFERENCES training_run(id) ON DELETE CASCADE,
      left INTEGER NOT NULL REFERENCES entity(id),
      right INTEGER NOT NULL REFERENCES entity(id),
      kind TEXT NOT NULL CHECK (kind IN ('text-text', 'image-image', 'text-image')),
      score REAL NOT NULL,
      rank_left INTEGER,
      rank_right INTEGER,
      mutual INTEGER NOT NULL,
      margin REAL NOT NULL,
      evidence TEXT NOT NULL,
      UNIQUE (run, left, right)
    ) STRICT;
    INSERT INTO candidate_new SELECT id, run, left, right, kind, score, rank_left, rank_right, mutual, margin, evidence FROM candidate;
    DROP TABLE candidate;
    ALTER TABLE candidate_new RENAME TO candidate;
    CREATE INDEX candidate_kind_score ON candidate(run, kind, score DESC);
    CREATE INDEX candidate_right ON candidate(run, right);

    CREATE TABLE decision (
      left INTEGER NOT NULL REFERENCES entity(id),
      right INTEGER NOT NULL REFERENCES entity(id),
      verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'unsure')),
      seq INTEGER NOT NULL REFERENCES decision_event(seq),
      PRIMARY KEY (left, right)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX decision_right ON decision(right);
    CREATE INDEX decision_verdict ON decision(verdict);
    CREATE INDEX decision_event_state ON decision_event(state, seq);

    INSERT INTO decision (left, right, verdict, seq)
      SELECT e.left, e.right, e.verdict, e.seq FROM decision_event e
      WHERE e.state = 'active' AND e.verdict <> 'clear'
        AND e.seq = (SELECT max(seq) FROM decision_event x WHERE x.left = e.left AND x.right = e.right AND x.state = 'active');
  `,
};
