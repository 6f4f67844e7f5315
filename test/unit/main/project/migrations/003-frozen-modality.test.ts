import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src-main/project/db';

/** Migration 3: frozen modalities per run, cascading with the run, checked modality names, served by the key. */
describe('migration 003 (frozen modalities)', () => {
  function atVersion3(): Database.Database {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, true, 2);
    db.exec(`
      INSERT INTO entity (id, side, iri) VALUES (1, 1, 'http://a/1'), (2, 2, 'http://b/2');
      INSERT INTO training_run (id, started_at, status, backend, options) VALUES (1, '2026-01-01', 'done', 'cpu', '{}');
    `);
    migrate(db, true, 3);
    return db;
  }

  it('stores frozen (run, entity, modality) rows and deletes them with their run', () => {
    const db = atVersion3();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.prepare("INSERT INTO frozen_modality (run, entity, modality) VALUES (1, 1, 'image'), (1, 2, 'image')").run();
    expect(() => db.prepare("INSERT INTO frozen_modality (run, entity, modality) VALUES (1, 1, 'colour')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO frozen_modality (run, entity, modality) VALUES (9, 1, 'image')").run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM training_run WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM frozen_modality').get()).toEqual({ n: 0 });
    db.close();
  });

  it('answers the gallery filter from the primary key', () => {
    const db = atVersion3();
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM frozen_modality WHERE run = 1 AND entity = 1 AND modality = 'image'").all() as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING PRIMARY KEY/);
    db.close();
  });
});
