import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../../src-main/project/db';
import { CandidatesRepository } from '../../../../../src-main/project/repositories/candidates';
import { ThresholdsRepository } from '../../../../../src-main/project/repositories/thresholds';
import { runAlign } from '../../../../../src-main/review/align-job';
import { createFixtureProject, rightOf, tempDir } from '../../review/project-fixture';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

/** Records every statement a callback runs (SQL and bound arguments), to read their query plans afterwards. */
function recordStatements(db: Db, run: () => void): { sql: string; args: unknown[] }[] {
  const seen: { sql: string; args: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  const spy = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['get', 'all', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...a: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        seen.push({ sql, args });
        return original(...args);
      };
    }
    return statement;
  }) as unknown as Db['prepare'];
  db.prepare = spy;
  try {
    run();
  } finally {
    db.prepare = prepare as Db['prepare'];
  }
  return seen;
}

function plan(db: Db, s: { sql: string; args: unknown[] }): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('CandidatesRepository', () => {
  it('replaces candidates as a whole and keeps how they were generated', async () => {
    const db = createFixtureProject(join(tempDir(), 'p.mmea'), { n: 30 });
    open.push(db);
    const first = await runAlign(db, { topK: 4 });
    const repo = new CandidatesRepository(db);
    expect(repo.generation()).toMatchObject({ run: 1, topK: 4, csls: false, count: first.generation.count });
    const pair = repo.pair(1, rightOf(1));
    expect(pair?.kind).toBe('text-text');
    expect(pair?.evidence.name).toBeTypeOf('number');
    await runAlign(db, { topK: 2 });
    expect(db.prepare('SELECT count(*) FROM candidate').pluck().get()).toBe(repo.generation()!.count);
    expect(repo.generation()!.topK).toBe(2);
  });

  it('answers competitor, search and band queries from indexes, never by scanning all candidates', async () => {
    const db = createFixtureProject(join(tempDir(), 'p.mmea'), { n: 60 });
    open.push(db);
    await runAlign(db, { topK: 5 });
    const repo = new CandidatesRepository(db);
    const thresholds = new ThresholdsRepository(db);
    const low = db.prepare('SELECT left, right, kind, score FROM candidate ORDER BY score LIMIT 1').get() as { left: number; right: number; kind: 'text-text'; score: number };
    const statements = recordStatements(db, () => {
      repo.strongerCompetitor(low, -1);
      repo.queue({ search: 'Left 7', offset: 0, limit: 10 }, thresholds.all());
      thresholds.bandCounts(1);
    });
    const candidateQueries = statements.filter((s) => /FROM candidate/.test(s.sql) && !/NOT INDEXED/.test(s.sql));
    expect(candidateQueries.length).toBeGreaterThan(4);
    for (const s of candidateQueries) {
      const p = plan(db, s);
      expect(p, s.sql).not.toMatch(/SCAN (c|o|candidate)\b(?! USING)/);
    }
    const competitor = statements.find((s) => s.sql.includes('UNION ALL'))!;
    expect(plan(db, competitor)).toMatch(/sqlite_autoindex_candidate_1 \(run=\? AND left=\?\)/);
    expect(plan(db, competitor)).toMatch(/candidate_right \(run=\? AND right=\?\)/);
  });
});
