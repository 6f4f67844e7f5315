import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { buildCli, writeIdLayout } from '../cli/cli-harness';

const TABLES = ['entity', 'relation', 'rel_triple', 'attribute', 'attr_triple', 'image', 'image_feature', 'gold_link', 'import_log', 'decision_event'];

function snapshot(path: string): { integrity: unknown; fk: unknown[]; counts: Record<string, number>; indexes: string[] } {
  const store = ProjectStore.open(path);
  try {
    const counts = Object.fromEntries(TABLES.map((t) => [t, store.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
    counts.search = store.db.prepare("SELECT count(*) FROM entity_search WHERE entity_search MATCH '\"entity\"'").pluck().get() as number;
    const indexes = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
    return { integrity: store.db.pragma('integrity_check', { simple: true }), fk: store.db.pragma('foreign_key_check') as unknown[], counts, indexes };
  } finally {
    store.close();
  }
}

let dir: string;
let cli: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-kill-'));
  cli = await buildCli();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
});

describe('an import killed with SIGKILL halfway', () => {
  it('leaves the project exactly as before, intact, and still importable', async () => {
    const project = join(dir, 'p.mmea');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    expect(run('create', project).status).toBe(0);
    const base = run('import', project, '--format', 'id-layout', '--dir', writeIdLayout(join(dir, 'base'), { entities: 300, triples: 1000, gold: 50, prefix: 'http://base.org' }));
    expect(base.stderr + base.stdout).toMatch(/imported into/);
    const before = snapshot(project);

    // Big enough to take several seconds, so the kill lands while triples are being written.
    const big = writeIdLayout(join(dir, 'big'), { entities: 60000, triples: 500000, gold: 1000 });
    const child = spawn(process.execPath, [cli, 'import', project, '--format', 'id-layout', '--dir', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Any progress line with records handed to the writer means the transaction is open and rows are going in.
        const counts = [...stderr.matchAll(/, ([\d,]+) records/g)].map((m) => Number(m[1].replace(/,/g, '')));
        if (counts.some((n) => n >= 100_000)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => resolve());
    });
    const exit = await exited;
    expect(exit.signal, `the import finished before the kill:\n${stderr}`).toBe('SIGKILL');

    const after = snapshot(project);
    expect(after.integrity).toBe('ok');
    expect(after.fk).toEqual([]);
    expect(after.counts).toEqual(before.counts);
    expect(after.indexes).toEqual(before.indexes); // the indexes dropped for the bulk load are back

    const again = run('import', project, '--format', 'id-layout', '--dir', writeIdLayout(join(dir, 'next'), { entities: 200, triples: 500, gold: 10, prefix: 'http://next.org' }));
    expect(again.status, again.stderr).toBe(0);
    const final = snapshot(project);
    expect(final.integrity).toBe('ok');
    expect(final.counts.rel_triple).toBe(before.counts.rel_triple + 1000);
    expect(final.counts.import_log).toBe(before.counts.import_log + 1);
  }, 180_000);

  it('survives a kill after uncommitted pages were spilled into the WAL', async () => {
    const project = join(dir, 'spill.mmea');
    ProjectStore.create(project, 'spill').close();
    const before = snapshot(project);
    const big = writeIdLayout(join(dir, 'spill-data'), { entities: 40000, triples: 300000, gold: 100 });
    const script = join(__dirname, 'import-service-kill-child.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, project, big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const wal = `${project}-wal`;
    let walBytes = 0;
    // Poll until the WAL holds more than a megabyte of frames that no commit has claimed yet.
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      walBytes = existsSync(wal) ? statSync(wal).size : 0;
      if (walBytes > 1_000_000 && /records [1-9]/.test(output)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await exited, `the import ended before the kill:\n${output}`).toBe('SIGKILL');
    expect(output).not.toContain('finished');
    expect(walBytes).toBeGreaterThan(1_000_000);
    const after = snapshot(project);
    expect(after.integrity).toBe('ok');
    expect(after.fk).toEqual([]);
    expect(after.counts).toEqual(before.counts);
    expect(after.indexes).toEqual(before.indexes);
  }, 180_000);
});
