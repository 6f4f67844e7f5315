import type { Statement } from 'better-sqlite3';
import type { Db } from '../project/db';

type Value = number | string | null;

/**
 * Inserts rows of one table a few hundred at a time with a multi-row VALUES statement: one native call per batch
 * instead of per row (measured 0.27 s instead of 0.69 s for 600k triples). Call flush() before reading the table.
 */
export class BatchInsert {
  private readonly full: Statement;
  private readonly values: Value[] = [];
  private readonly width: number;

  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly rowsPerStatement = 200,
  ) {
    this.width = columns.length;
    this.full = this.statement(rowsPerStatement);
  }

  /** Queues one row (values in column order). */
  push(...row: Value[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length === this.width * this.rowsPerStatement) {
      this.full.run(this.values);
      this.values.length = 0;
    }
  }

  /** Writes the queued rows. */
  flush(): void {
    if (this.values.length === 0) return;
    this.statement(this.values.length / this.width).run(this.values);
    this.values.length = 0;
  }

  private statement(rows: number): Statement {
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    return this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`);
  }
}
