import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * Bundles src-main/worker/worker-entry.ts the way `npm run build:main` does, into a private file under out/test
 * (inside the package, so that its external requires resolve against node_modules). Tests use their own copy so
 * that parallel test files and other builds never read a half-written bundle. Returns the path and a cleanup.
 */
export async function buildWorkerForTest(): Promise<{ path: string; cleanup(): void }> {
  const dir = join(root, 'out', 'test');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `worker-${process.pid}-${Math.random().toString(36).slice(2)}.cjs`);
  await build({
    absWorkingDir: root,
    entryPoints: ['src-main/worker/worker-entry.ts'],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return { path, cleanup: () => rmSync(path, { force: true }) };
}
