/** One numbered schema step; `up` runs inside a transaction together with the user_version bump. */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: import('better-sqlite3').Database) => void);
}
