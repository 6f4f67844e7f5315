import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * Bundles the CLI alone into out/test-cli (inside the repository so that node_modules resolves), the way
 * build-main.ts does, so that CLI tests do not depend on every other entry point building.
 */
export async function buildCli(): Promise<string> {
  const outfile = join(root, 'out', 'test-cli', `cli-${process.pid}.cjs`);
  mkdirSync(join(root, 'out', 'test-cli'), { recursive: true });
  await build({
    absWorkingDir: root, entryPoints: ['src-main/cli/main.ts'], outfile, bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', packages: 'external', external: ['electron'], logLevel: 'error',
  });
  return outfile;
}

/**
 * Writes a synthetic folder in the id layout: `entities` per graph, `triples` per graph over them, the first
 * `gold` entities linked. Deterministic (a linear congruential sequence), so every run imports the same bytes.
 */
export function writeIdLayout(dir: string, o: { entities: number; triples: number; gold: number; prefix?: string }): string {
  mkdirSync(dir, { recursive: true });
  const prefix = o.prefix ?? 'http://example.org';
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (const side of [1, 2]) {
    const offset = side === 1 ? 0 : o.entities;
    const ents: string[] = [];
    for (let i = 0; i < o.entities; i++) ents.push(`${offset + i}\t${prefix}/kg${side}/entity_${i}`);
    writeFileSync(join(dir, `ent_ids_${side}`), ents.join('\n') + '\n');
    const lines: string[] = [];
    for (let i = 0; i < o.triples; i++) lines.push(`${offset + next(o.entities)}\t${side * 1000 + next(40)}\t${offset + next(o.entities)}`);
    writeFileSync(join(dir, `triples_${side}`), lines.join('\n') + '\n');
  }
  const gold: string[] = [];
  for (let i = 0; i < o.gold; i++) gold.push(`${i}\t${o.entities + i}`);
  writeFileSync(join(dir, 'ill_ent_ids'), gold.join('\n') + '\n');
  return dir;
}
