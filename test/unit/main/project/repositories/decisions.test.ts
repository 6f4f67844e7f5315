import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../../src-main/project/db';
import { DecisionsRepository } from '../../../../../src-main/project/repositories/decisions';
import { createFixtureProject, rightOf, tempDir } from '../../review/project-fixture';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function project(): { path: string; db: Db; repo: DecisionsRepository } {
  const path = join(tempDir(), 'p.mmea');
  const db = createFixtureProject(path, { n: 10 });
  open.push(db);
  return { path, db, repo: new DecisionsRepository(db) };
}

const base = { curator: 'orcid:0000-0002-1825-0097' };

describe('DecisionsRepository', () => {
  it('records decisions with their context and keeps every event', () => {
    const { db, repo } = project();
    const state = repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'accept', note: ' same capital ', score: 0.93, run: 1 });
    expect(state).toEqual({ canUndo: true, canRedo: false, decisions: 1 });
    repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'reject' });
    expect(repo.verdictOf(1, rightOf(1))).toBe('reject');
    const events = db.prepare('SELECT verdict, note, score, run, left_iri, right_iri, state FROM decision_event ORDER BY seq').all();
    expect(events).toEqual([
      { verdict: 'accept', note: 'same capital', score: 0.93, run: 1, left_iri: 'http://kg1.example/e1', right_iri: 'http://kg2.example/e1', state: 'active' },
      { verdict: 'reject', note: null, score: null, run: null, left_iri: 'http://kg1.example/e1', right_iri: 'http://kg2.example/e1', state: 'active' },
    ]);
    expect(repo.history(0, 10).map((h) => h.verdict)).toEqual(['reject', 'accept']);
    repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'clear' });
    expect(repo.verdictOf(1, rightOf(1))).toBeNull();
    expect(repo.undoState().decisions).toBe(0);
  });

  it('refuses pairs in the wrong orientation, unknown entities and an empty curator', () => {
    const { repo } = project();
    expect(() => repo.record({ ...base, left: rightOf(1), right: 1, verdict: 'accept' })).toThrow(/graph-1 entity/);
    expect(() => repo.record({ ...base, left: 999, right: rightOf(1), verdict: 'accept' })).toThrow(/no entity 999/);
    expect(() => repo.record({ curator: '  ', left: 1, right: rightOf(1), verdict: 'accept' })).toThrow(/curator/);
    expect(repo.undoState()).toEqual({ canUndo: false, canRedo: false, decisions: 0 });
  });

  it('undoes and redoes in order; a new decision drops the redo stack but keeps the events', () => {
    const { db, repo } = project();
    repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'accept' });
    repo.record({ ...base, left: 2, right: rightOf(2), verdict: 'reject' });
    repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'unsure' });
    expect(repo.undo()).toBe(true);
    expect(repo.verdictOf(1, rightOf(1))).toBe('accept');
    expect(repo.undo()).toBe(true);
    expect(repo.verdictOf(2, rightOf(2))).toBeNull();
    expect(repo.redo()).toBe(true);
    expect(repo.verdictOf(2, rightOf(2))).toBe('reject');
    expect(repo.undoState()).toEqual({ canUndo: true, canRedo: true, decisions: 2 });
    repo.record({ ...base, left: 3, right: rightOf(3), verdict: 'accept' });
    expect(repo.undoState().canRedo).toBe(false);
    expect(repo.redo()).toBe(false);
    expect(db.prepare('SELECT state, count(*) AS n FROM decision_event GROUP BY state ORDER BY state').all()).toEqual([
      { state: 'active', n: 3 },
      { state: 'discarded', n: 1 },
    ]);
  });

  it('undoes a batch as one step', () => {
    const { repo } = project();
    repo.record({ ...base, left: 9, right: rightOf(9), verdict: 'reject' });
    repo.recordBatch([1, 2, 3].map((i) => ({ ...base, left: i, right: rightOf(i), verdict: 'accept' as const })));
    expect(repo.undoState().decisions).toBe(4);
    repo.undo();
    expect(repo.undoState().decisions).toBe(1);
    expect(repo.verdictOf(9, rightOf(9))).toBe('reject');
    repo.redo();
    expect(repo.currentDecisions(['accept']).map((d) => d.left)).toEqual([1, 2, 3]);
  });

  it('keeps the undo and redo stacks across closing and reopening the file', () => {
    const { path, db, repo } = project();
    repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'accept' });
    repo.record({ ...base, left: 2, right: rightOf(2), verdict: 'accept' });
    repo.undo();
    db.close();
    const again = openDatabase(path);
    open.push(again);
    const reopened = new DecisionsRepository(again);
    expect(reopened.undoState()).toEqual({ canUndo: true, canRedo: true, decisions: 1 });
    reopened.redo();
    expect(reopened.verdictOf(2, rightOf(2))).toBe('accept');
    reopened.undo();
    reopened.undo();
    expect(reopened.undoState()).toEqual({ canUndo: false, canRedo: true, decisions: 0 });
  });

  it('gives training the current decisions resolved by IRI', () => {
    const { repo } = project();
    repo.record({ ...base, left: 1, right: rightOf(1), verdict: 'accept' });
    repo.record({ ...base, left: 2, right: rightOf(3), verdict: 'reject', note: 'different' });
    repo.record({ ...base, left: 4, right: rightOf(4), verdict: 'unsure' });
    const current = repo.currentDecisions();
    expect(current.map((d) => [d.left, d.right, d.verdict])).toEqual([[1, rightOf(1), 'accept'], [2, rightOf(3), 'reject'], [4, rightOf(4), 'unsure']]);
    expect(current[1]).toMatchObject({ leftIri: 'http://kg1.example/e2', rightIri: 'http://kg2.example/e3', note: 'different', curator: base.curator });
    expect(repo.currentDecisions(['reject'])).toHaveLength(1);
  });

  it('loses nothing when the process is killed (SIGKILL) right after recording', async () => {
    const { path, db } = project();
    db.close();
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../../review/kill-child.ts'), path, '5', String(rightOf(5))], {
      cwd: resolve(__dirname, '../../../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('recorded')) done();
      });
      child.on('exit', (code) => fail(new Error(`child exited (${code}) before recording: ${stderr}`)));
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const again = openDatabase(path);
    open.push(again);
    const repo = new DecisionsRepository(again);
    expect(repo.verdictOf(5, rightOf(5))).toBe('accept');
    expect(repo.currentDecisions()[0]).toMatchObject({ curator: 'killed curator', note: 'written just before SIGKILL' });
    expect(repo.undoState()).toEqual({ canUndo: true, canRedo: false, decisions: 1 });
  });
});
