/**
 * Bundles the Node-side entry points (CLI, worker, browser server, Electron main and preload) into out/main.
 * esbuild is used rather than tsc emit so that source imports stay extension-less and so that the sandboxed
 * preload, which cannot load ES modules, gets a single CommonJS file. Type-checking is `npm run typecheck`.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const outdir = join(root, 'out', 'main');
mkdirSync(outdir, { recursive: true });

const entries: Record<string, string> = {
  cli: 'src-main/cli/main.ts',
  worker: 'src-main/worker/worker-entry.ts',
  server: 'src-main/server/server-main.ts',
  'electron-main': 'src-main/app/electron-main.ts',
  preload: 'src-main/app/preload.ts',
  // Started as a thread of its own by imports (src-main/import/reader-thread), from the CLI and the worker alike.
  'import-reader': 'src-main/import/reader-thread/reader-entry.ts',
};

async function main(): Promise<void> {
  const { existsSync } = await import('node:fs');
  const present = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(join(root, p))));
  await build({
    absWorkingDir: root,
    entryPoints: present,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native addons and TF.js stay in node_modules: they load .node/.wasm files relative to themselves.
    packages: 'external',
    external: ['electron'],
    logLevel: 'warning',
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
