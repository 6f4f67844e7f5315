import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package root: the nearest folder above `from` whose package.json is this app's. */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mmea-studio') return dir;
      } catch {
        // an unreadable package.json further down the tree: keep climbing
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the mmea-studio package root above ${from}`);
    dir = parent;
  }
}

/**
 * Where the bundled worker is: MMEA_WORKER_PATH if set, else out/main/worker.cjs under the package root (the
 * same file whether the caller runs from source under tsx/vitest or from the bundles in out/main).
 */
export function defaultWorkerPath(): string {
  return process.env.MMEA_WORKER_PATH ?? join(packageRoot(), 'out', 'main', 'worker.cjs');
}
