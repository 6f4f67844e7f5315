import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fusionText, trainCommand, trainingOptionsFromArgs } from '../../../../src-main/cli/commands/train';
import { evalCommand } from '../../../../src-main/cli/commands/eval';
import { parseArgs } from '../../../../src-main/cli/args';
import { openDatabase } from '../../../../src-main/project/db';
import { WorkerClient } from '../../../../src-main/worker/worker-client';
import type { TrainingRunOutcome } from '../../../../src-main/worker/training-run';
import { writeSyntheticProject } from '../features/synthetic-project';
import { buildWorkerForTest } from '../worker/build-worker';

const root = join(__dirname, '..', '..', '..', '..');
const ARGS = ['--epochs', '5', '--dim', '16', '--gat-layers', '1', '--seed', '11'];

/** Runs a CLI command in this process, capturing what it prints. */
async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const cerr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return { code: await run(), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
    cerr.mockRestore();
  }
}

describe('mmea train and mmea eval', () => {
  let dir: string;
  let project: string;
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = openDatabase(project);
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-cli-'));
    project = join(dir, 'p.mmea');
    writeSyntheticProject(project, { entities: 70, degree: 4 }).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps flags to options, benchmark-comparable by default', () => {
    expect(trainingOptionsFromArgs(parseArgs(['--epochs', '3', '--names', '--no-freezing', '--csls'], {
      values: ['epochs'], flags: ['names', 'no-freezing', 'csls'],
    }))).toEqual({ model: 'loginmea', epochs: 3, useNames: true, useDecisions: false, csls: true, freezing: false });
  });

  it('gives the same metrics in the CLI as in the worker for the same seed', async () => {
    const cli = await capture(() => trainCommand.run([project, ...ARGS]));
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/run 1 \(loginmea\) done/);
    expect(cli.out).toMatch(/test pairs \(published protocol\)\s+\d\.\d{3}/);
    expect(cli.out).toMatch(/late fusion \(shares picked on validation\): learned \d+%, propagated seed labels \d+%/);

    const bundle = await buildWorkerForTest();
    const client = new WorkerClient({ workerPath: bundle.path });
    try {
      const options = trainingOptionsFromArgs(parseArgs(ARGS, { values: ['epochs', 'dim', 'gat-layers', 'seed'] }));
      const worker = await client.run<TrainingRunOutcome>('train', { projectPath: project, options });
      expect(worker.runId).toBe(2);
      expect(worker.fusion?.propagation).not.toBeNull();
      expect(worker.fusion?.names).toBeNull();
    } finally {
      await client.close();
      bundle.cleanup();
    }
    const runs = query<{ id: number; backend: string; metrics: string; best_epoch: number }>('SELECT id, backend, metrics, best_epoch FROM training_run ORDER BY id');
    expect(runs).toHaveLength(2);
    expect(runs[1].backend).toBe(runs[0].backend);
    expect(runs[1].best_epoch).toBe(runs[0].best_epoch);
    expect(JSON.parse(runs[1].metrics)).toEqual(JSON.parse(runs[0].metrics));
    const losses = (run: number) => query<{ loss: number }>('SELECT loss FROM run_epoch WHERE run = ? ORDER BY epoch', run).map((r) => r.loss);
    expect(losses(2)).toEqual(losses(1));
  }, 120_000);

  it('says the late-fusion shares in words, and nothing when nothing was fused', () => {
    expect(fusionText({ propagation: 0.41, names: null, attributes: null })).toBe('late fusion (shares picked on validation): learned 59%, propagated seed labels 41%');
    expect(fusionText({ propagation: 0.37, names: 0.26, attributes: null })).toBe('late fusion (shares picked on validation): learned 37%, propagated seed labels 37%, names 26%');
    expect(fusionText({ propagation: 0.5, names: null, attributes: 0.1 })).toBe('late fusion (shares picked on validation): learned 40%, propagated seed labels 50%, attributes 10%');
    expect(fusionText({ propagation: null, names: null, attributes: null })).toBe('');
    expect(fusionText(undefined)).toBe('');
  });

  it('evaluates a stored run to the metrics recorded at training time, and prints a table', async () => {
    const stored = JSON.parse(query<{ metrics: string }>('SELECT metrics FROM training_run WHERE id = 1')[0].metrics);
    const json = await capture(() => evalCommand.run([project, '--run', '1', '--json']));
    expect(json.code).toBe(0);
    const printed = JSON.parse(json.out);
    expect(printed.hits1).toBeCloseTo(stored.hits1, 6);
    expect(printed.mrr).toBeCloseTo(stored.mrr, 6);
    expect(printed.all.hits10).toBeCloseTo(stored.all.hits10, 6);
    const table = await capture(() => evalCommand.run([project]));
    expect(table.out).toMatch(/^run 2 \(loginmea, /);
    expect(table.out).toMatch(/ranked among\s+H@1\s+H@10\s+MRR\s+pairs/);
    expect(table.out).toMatch(/all KG2 entities/);
    await expect(evalCommand.run([project, '--run', '99'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancels cleanly on the first Ctrl-C: exit 130, run cancelled, no embeddings', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'train', project, '--epochs', '100000', '--dim', '8', '--gat-layers', '1'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Without a terminal the bar prints one line per epoch: interrupt after the first.
      if (!interrupted && /epoch 1\/100000/.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toMatch(/cancelling after the current batch/);
    expect(stderr).toMatch(/run \d+ cancelled/);
    expect(code).toBe(130);
    const last = query<{ id: number; status: string }>('SELECT id, status FROM training_run ORDER BY id DESC LIMIT 1')[0];
    expect(last.status).toBe('cancelled');
    expect(query('SELECT 1 FROM embedding WHERE run = ?', last.id)).toEqual([]);
  }, 120_000);
});
