import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase, schemaVersion } from '../../../../src-main/project/db';
import { SCHEMA_VERSION } from '../../../../src-main/project/migrations';
import { AppError } from '../../../../src-main/shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  return 'no error';
}

describe('openDatabase', () => {
  it('creates a project in WAL mode with foreign keys on, our application id and the latest schema', () => {
    const db = openDatabase(join(dir, 'p.mmea'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
    const again = openDatabase(join(dir, 'p.mmea'));
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('says NOT_FOUND for a missing file unless creating', () => {
    expect(codeOf(() => openDatabase(join(dir, 'nope.mmea')))).toBe('NOT_FOUND');
  });

  it('refuses a file that is not SQLite', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are not the bytes you are looking for');
    expect(codeOf(() => openDatabase(path))).toBe('NOT_A_PROJECT');
    expect(codeOf(() => openDatabase(path, { create: true }))).toBe('NOT_A_PROJECT');
  });

  it('refuses another application\'s SQLite file without changing it (no WAL conversion)', () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const error = (() => {
      try {
        openDatabase(path);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.code).toBe('NOT_A_PROJECT');
    expect(error?.message).toMatch(/not an MMEA Studio project/);
    const check = new Database(path);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('refuses an empty file when opening, but creates a project in it when asked to', () => {
    const path = join(dir, 'empty.mmea');
    writeFileSync(path, '');
    expect(codeOf(() => openDatabase(path))).toBe('NOT_A_PROJECT');
    const db = openDatabase(path, { create: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a project written by a newer version, naming both versions', () => {
    const path = join(dir, 'future.mmea');
    const db = openDatabase(path, { create: true });
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(new RegExp(`schema ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}`));
    expect(codeOf(() => openDatabase(path))).toBe('FROM_THE_FUTURE');
  });

  it('opens read-only without writing', () => {
    const path = join(dir, 'ro.mmea');
    openDatabase(path, { create: true }).close();
    const db = openDatabase(path, { readonly: true });
    expect(() => db.exec("INSERT INTO meta VALUES ('k', 'v')")).toThrow(/readonly/);
    db.close();
  });
});
