import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One row of a benchmark table: named figures (numbers are printed with sensible precision). */
export type BenchRow = Record<string, number | string>;

/** One benchmark: a name and a run that measures and returns its row. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchRow>;
}

/** What every test/bench/*.bench.ts module exports; run.ts prints one table per module. */
export interface BenchModule {
  benchmarks: Benchmark[];
}

/** The row for a benchmark whose data is not on this machine. */
export function skipped(path: string): BenchRow {
  return { status: `skipped: ${path} absent` };
}

const root = join(__dirname, '..', '..');

/**
 * Bundles a TypeScript entry into out/bench/<name>.cjs (inside the repository so node_modules resolves), for
 * benchmarks that measure in a child process: peak memory is only meaningful per process.
 */
export async function bundle(entry: string, name: string): Promise<string> {
  const outfile = join(root, 'out', 'bench', `${name}.cjs`);
  mkdirSync(join(root, 'out', 'bench'), { recursive: true });
  await build({
    absWorkingDir: root, entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    packages: 'external', external: ['electron'], logLevel: 'error',
  });
  return outfile;
}

/** Runs `node script args...` and parses the last stdout line as JSON; stderr is passed through on failure. */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as T);
      else reject(new Error(`child exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
