import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src-main/project/db';

/** Migration 2 (review): candidate.rank_left nullable with rows kept, the current-decision table, indexes. */
describe('migration 002 (review)', () => {
  function atVersion1(): Database.Database {
    const db = new Database(':memory:');
    migrate(db, true, 1);
    db.exec(`
      INSERT INTO entity (id, side, iri) VALUES (1, 1, 'http://a/1'), (2, 2, 'http://b/2'), (3, 2, 'http://b/3');
      INSERT INTO training_run (id, started_at, status, backend, options) VALUES (1, '2026-01-01', 'done', 'cpu', '{}');
      INSERT INTO candidate (run, left, right, kind, score, rank_left, rank_right, mutual, margin, evidence)
        VALUES (1, 1, 2, 'text-text', 0.9, 1, 1, 1, 0.2, '{}');
      INSERT INTO decision_event (left, right, left_iri, right_iri, verdict, curator, at, state)
        VALUES (1, 2, 'http://a/1', 'http://b/2', 'reject', 'c', 't1', 'active'),
               (1, 2, 'http://a/1', 'http://b/2', 'accept', 'c', 't2', 'active'),
               (1, 3, 'http://a/1', 'http://b/3', 'accept', 'c', 't3', 'undone');
    `);
    return db;
  }

  it('keeps candidates, makes rank_left nullable and derives current decisions from active events', () => {
    const db = atVersion1();
    migrate(db, true, 2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT left, right, score, rank_left FROM candidate').all()).toEqual([{ left: 1, right: 2, score: 0.9, rank_left: 1 }]);
    db.prepare("INSERT INTO candidate (run, left, right, kind, score, rank_left, rank_right, mutual, margin, evidence) VALUES (1, 1, 3, 'text-text', 0.5, NULL, 2, 0, -0.4, '{}')").run();
    // The newest active event wins; the undone one does not count.
    expect(db.prepare('SELECT left, right, verdict, seq FROM decision').all()).toEqual([{ left: 1, right: 2, verdict: 'accept', seq: 2 }]);
    expect(() => db.prepare("INSERT INTO decision (left, right, verdict, seq) VALUES (1, 3, 'maybe', 3)").run()).toThrow(/CHECK/);
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('candidate', 'decision') ORDER BY name").all();
    expect(strict).toEqual([{ name: 'candidate', strict: 1 }, { name: 'decision', strict: 1 }]);
    db.close();
  });

  it('serves the band count and undo lookups from indexes', () => {
    const db = atVersion1();
    migrate(db, true, 2);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT count(*) FROM candidate WHERE run = 1 AND kind = 'text-text' AND score >= 0.5")).toMatch(/USING (COVERING )?INDEX candidate_kind_score/);
    expect(plan("SELECT seq FROM decision_event WHERE state = 'active' ORDER BY seq DESC LIMIT 1")).toMatch(/USING (COVERING )?INDEX decision_event_state/);
    expect(plan('SELECT verdict FROM decision WHERE left = 1 AND right = 2')).toMatch(/PRIMARY KEY/);
    db.close();
  });
});
