/**
 * `npm run bench [-- --only <substring>]`: runs every test/bench/*.bench.ts module (each exports `benchmarks`,
 * see harness.ts) and prints one table per module. Benchmarks are measurements, never assertions; a failing one
 * prints its error in its row and makes the exit code 1.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModule, BenchRow } from './harness';

function cell(value: number | string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

/** A plain-text table: one column per key, in order of first appearance. */
export function formatTable(rows: { name: string; row: BenchRow }[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.row)))];
  const table = [['benchmark', ...keys], ...rows.map((r) => [r.name, ...keys.map((k) => cell(r.row[k]))])];
  const widths = table[0].map((_, c) => Math.max(...table.map((line) => line[c].length)));
  const render = (line: string[]) => line.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' | ');
  return [render(table[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...table.slice(1).map(render)].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  if (onlyAt >= 0 && !only) {
    console.error('usage: tsx test/bench/run.ts [--only <substring of file or benchmark name>]');
    return 2;
  }
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  let failed = 0;
  for (const file of files) {
    const module = (await import(join(__dirname, file))) as BenchModule;
    const selected = (module.benchmarks ?? []).filter((b) => !only || file.includes(only) || b.name.includes(only));
    if (selected.length === 0) continue;
    console.log(`\n## ${file}\n`);
    const rows: { name: string; row: BenchRow }[] = [];
    for (const bench of selected) {
      process.stderr.write(`running ${file}: ${bench.name} ...\n`);
      try {
        rows.push({ name: bench.name, row: await bench.run() });
      } catch (error) {
        failed++;
        rows.push({ name: bench.name, row: { status: `error: ${(error as Error).message}` } });
      }
    }
    console.log(formatTable(rows));
  }
  if (files.length === 0) console.log('no test/bench/*.bench.ts modules');
  return failed > 0 ? 1 : 0;
}

main().then((code) => (process.exitCode = code), (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
