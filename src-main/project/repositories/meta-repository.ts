import type { Db } from '../db';
import type { Preferences } from '../../shared/dto';
import type { GraphSide } from '../../shared/model';

const DEFAULT_PREFERENCES: Preferences = { curator: '', blindMode: false };

/** Project metadata (name, creation time, graph names) and the curator's preferences stored in the project. */
export class MetaRepository {
  constructor(private readonly db: Db) {}

  /** A meta value, or undefined. */
  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  /** Sets a meta value. */
  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The name a curator gave a graph ("KG1"/"KG2" until named). */
  graphName(side: GraphSide): string {
    const row = this.db.prepare('SELECT name FROM graph WHERE side = ?').get(side) as { name: string } | undefined;
    return row?.name ?? `KG${side}`;
  }

  /** Renames a graph. */
  setGraphName(side: GraphSide, name: string): void {
    this.db.prepare('UPDATE graph SET name = ? WHERE side = ?').run(name, side);
  }

  /** The stored preferences, defaults filled in. */
  preferences(): Preferences {
    const prefs: Preferences = { ...DEFAULT_PREFERENCES };
    for (const row of this.db.prepare('SELECT key, value FROM preference').all() as { key: string; value: string }[]) {
      if (row.key in prefs) (prefs as unknown as Record<string, unknown>)[row.key] = JSON.parse(row.value);
    }
    return prefs;
  }

  /** Stores the given preferences (unknown keys are ignored) and returns the result. */
  setPreferences(changes: Partial<Preferences>): Preferences {
    const upsert = this.db.prepare('INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) {
        if (key in DEFAULT_PREFERENCES && value !== undefined) upsert.run(key, JSON.stringify(value));
      }
    })();
    return this.preferences();
  }
}
