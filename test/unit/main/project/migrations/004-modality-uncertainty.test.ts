import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src-main/project/db';

/** Migration 4: per-modality weight uncertainty per run and entity, cascading with the run, values checked. */
describe('migration 004 (modality uncertainty)', () => {
  function atVersion4(): Database.Database {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, true, 3);
    db.exec(`
      INSERT INTO entity (id, side, iri) VALUES (1, 1, 'http://a/1'), (2, 2, 'http://b/2');
      INSERT INTO training_run (id, started_at, status, backend, options) VALUES (1, '2026-01-01', 'done', 'cpu', '{"model":"mimea"}');
      INSERT INTO embedding (run, modality, rows, dim, entity_ids, data) VALUES (1, 'final', 0, 1, x'', x'');
    `);
    migrate(db, true, 4);
    return db;
  }

  it('keeps what version 3 held and stores (run, entity, modality, std) rows that go with their run', () => {
    const db = atVersion4();
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT count(*) AS n FROM embedding').get()).toEqual({ n: 1 });
    db.prepare("INSERT INTO modality_uncertainty (run, entity, modality, weight_std) VALUES (1, 1, 'image', 0.07), (1, 2, 'image', 0.5), (1, 2, 'structure', 0)").run();
    expect(db.prepare("SELECT weight_std AS std FROM modality_uncertainty WHERE run = 1 AND entity = 1 AND modality = 'image'").get()).toEqual({ std: 0.07 });
    db.prepare('DELETE FROM training_run WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM modality_uncertainty').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses unknown modalities, values no Beta weight can have, missing runs and duplicate keys', () => {
    const db = atVersion4();
    const put = (entity: number, modality: string, std: unknown, run = 1) => () =>
      db.prepare('INSERT INTO modality_uncertainty (run, entity, modality, weight_std) VALUES (?, ?, ?, ?)').run(run, entity, modality, std);
    expect(put(1, 'colour', 0.1)).toThrow(/CHECK/);
    expect(put(1, 'image', 0.51)).toThrow(/CHECK/);
    expect(put(1, 'image', -0.01)).toThrow(/CHECK/);
    expect(put(1, 'image', 'high')).toThrow(/cannot store TEXT/);
    expect(put(1, 'image', 0.1, 9)).toThrow(/FOREIGN KEY/);
    expect(put(3, 'image', 0.1)).toThrow(/FOREIGN KEY/);
    put(1, 'image', 0.1)();
    expect(put(1, 'image', 0.2)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });

  it('answers a page of entities by the primary key', () => {
    const db = atVersion4();
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT entity, modality, weight_std FROM modality_uncertainty WHERE run = 1 AND entity IN (SELECT value FROM json_each('[1,2]'))").all() as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH modality_uncertainty USING PRIMARY KEY \(run=\? AND entity=\?\)/);
    db.close();
  });
});
