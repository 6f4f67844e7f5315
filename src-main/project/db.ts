import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/** 'MMEA' in ASCII: SQLite's application_id marks the file as ours, so any other SQLite file is refused. */
export const APPLICATION_ID = 0x4d4d4541;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Opens (or creates) a project file, applies pending migrations and sets the pragmas every connection needs.
 * Refuses files that are not projects and files written by a newer version of the app.
 */
export function openDatabase(path: string, options: { create?: boolean; readonly?: boolean } = {}): Db {
  const memory = path === ':memory:';
  const create = options.create ?? memory;
  const exists = !memory && existsSync(path);
  if (!exists && !memory && !create) {
    throw new AppError('NOT_FOUND', `No project file at ${path}`, { hint: 'Create a new project or pick another file.' });
  }
  // An existing empty file may become a project only when creating; opening it would silently turn it into one.
  if (exists && !assertSqliteFile(path) && !create) {
    throw new AppError('NOT_A_PROJECT', `${path} is empty, not an MMEA Studio project`, {
      hint: 'Create a new project (mmea create) or pick another file.',
    });
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: !create });
  } catch (error) {
    throw new AppError('IO', `Cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const fresh = appId === 0 && version === 0 && isEmpty(db);
    if (!fresh && appId !== APPLICATION_ID) {
      throw new AppError('NOT_A_PROJECT', `${path} is an SQLite file but not an MMEA Studio project`, {
        hint: 'Open a .mmea project file, or create a new project and import your data into it.',
      });
    }
    if (version > SCHEMA_VERSION) {
      throw new AppError('FROM_THE_FUTURE', `${path} was written by a newer MMEA Studio (schema ${version}; this version reads up to ${SCHEMA_VERSION})`, {
        hint: 'Update MMEA Studio to open this project.',
      });
    }
    if (fresh && (options.readonly || !create)) {
      throw new AppError('NOT_A_PROJECT', `${path} is an empty database, not an MMEA Studio project`, {
        hint: 'Create a new project (mmea create) or pick another file.',
      });
    }
    if (options.readonly && version < SCHEMA_VERSION) {
      throw new AppError('IO', `${path} uses an older schema (${version}) and cannot be upgraded read-only`, {
        hint: 'Open the project once in MMEA Studio (writable) to upgrade it.',
      });
    }
    // Pragmas (WAL above all) only once the file is known to be ours: never convert a stranger's database.
    configure(db, options.readonly ?? false);
    if (!options.readonly) migrate(db, fresh);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Throws NOT_A_PROJECT unless the file starts with SQLite's magic; returns false for an empty file. */
function assertSqliteFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new AppError('IO', `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const header = Buffer.alloc(16);
    let read: number;
    try {
      read = readSync(fd, header, 0, 16, 0);
    } catch (error) {
      throw new AppError('IO', `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
    }
    if (read === 0) return false;
    if (read < 16 || header.toString('latin1') !== SQLITE_MAGIC) {
      throw new AppError('NOT_A_PROJECT', `${path} is not an MMEA Studio project (not an SQLite file)`, {
        hint: 'Open a .mmea project file; to bring in data files, create a project and use Import.',
      });
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

function configure(db: Db, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  // NORMAL is safe under WAL: a crash can lose the last commit's durability only on power loss, never integrity.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

function isEmpty(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  return row.n === 0;
}

/** Applies each pending migration in its own transaction together with the user_version bump. */
export function migrate(db: Db, fresh = false, upTo: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      if (fresh && migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
    })();
  }
}

/** The schema version of an open database. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
