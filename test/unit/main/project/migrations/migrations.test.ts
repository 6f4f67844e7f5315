import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, migrate, openDatabase } from '../../../../../src-main/project/db';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../../src-main/project/migrations';

type Db = Database.Database;

function tables(db: Db): Map<string, { strict: number; type: string }> {
  const rows = db.prepare("SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; type: string; strict: number }[];
  return new Map(rows.map((r) => [r.name, r]));
}

function healthy(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

/** Checks specific to one version, run right after that migration is applied on top of the previous ones. */
const AFTER: Record<number, (db: Db) => void> = {
  1: (db) => {
    const t = tables(db);
    const expected = ['meta', 'graph', 'entity', 'relation', 'rel_triple', 'attribute', 'attr_triple', 'image', 'image_feature', 'gold_link',
      'import_log', 'feature_matrix', 'training_run', 'run_epoch', 'embedding', 'candidate', 'thresholds', 'decision_event', 'preference'];
    for (const name of expected) {
      expect(t.get(name), name).toBeDefined();
      expect(t.get(name)?.strict, `${name} is STRICT`).toBe(1);
    }
    expect(t.get('entity_search')?.type).toBe('virtual');
    expect(db.prepare('SELECT side, name FROM graph ORDER BY side').all()).toEqual([{ side: 1, name: 'KG1' }, { side: 2, name: 'KG2' }]);
    // STRICT: a wrong type is refused rather than stored.
    expect(() => db.prepare("INSERT INTO entity (side, iri) VALUES ('one', 'x')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    db.pragma('foreign_keys = ON');
    expect(() => db.prepare("INSERT INTO entity (side, iri) VALUES (3, 'x')").run()).toThrow(/FOREIGN KEY|CHECK/);
    expect(() => db.prepare('INSERT INTO rel_triple (head, rel, tail) VALUES (98, 99, 100)').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO gold_link (left, right, split) VALUES (1, 2, 'holdout')").run()).toThrow();
  },
};

describe('migrations', () => {
  it('are numbered 1..n without gaps, each with a name', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.name.length).toBeGreaterThan(0);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('has a specific check for every version', () => {
    // Adding a migration means adding its entry to AFTER (or to a test file of its own that imports this pattern).
    for (const m of MIGRATIONS) expect(AFTER[m.version] ?? MIGRATION_CHECKED_ELSEWHERE.has(m.version), `check for migration ${m.version}`).toBeTruthy();
  });

  it.each(MIGRATIONS.map((m) => [m.version, m.name]))('step %i (%s) applies on top of the previous ones and leaves a healthy file', (version) => {
    const db = new Database(':memory:');
    migrate(db, true, version - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
    migrate(db, true, version);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    healthy(db);
    AFTER[version]?.(db);
    db.close();
  });

  it('brings a fresh file to the latest version, marking it as ours', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    healthy(db);
    db.close();
  });

  it('rolls a failing migration back entirely, leaving the version where it was', () => {
    const db = new Database(':memory:');
    migrate(db, true, 1);
    const broken = { version: 2, name: 'broken', up: 'CREATE TABLE half_done (x INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);' };
    const saved = [...MIGRATIONS];
    (MIGRATIONS as unknown as unknown[]).splice(1, Infinity, broken);
    try {
      expect(() => migrate(db, false, 2)).toThrow(/no such table/);
    } finally {
      (MIGRATIONS as unknown as unknown[]).splice(0, Infinity, ...saved);
    }
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db).has('half_done')).toBe(false);
    db.close();
  });
});

/** Versions whose specific test lives in its own file (migrations/NNN-name.test.ts) rather than in AFTER. */
const MIGRATION_CHECKED_ELSEWHERE = new Set<number>([2, 3, 4]);
