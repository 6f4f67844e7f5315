import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { AppError } from '../shared/errors';

/** The two demo projects: flags attached to countries, or flags as image entities of their own in graph 2. */
export type DemoVariant = 'attributes' | 'image-nodes';
export const DEMO_VARIANTS: readonly DemoVariant[] = ['attributes', 'image-nodes'];

/**
 * Bumped when the way a demo project is assembled from resources/demo changes (not the files themselves, which
 * the content hash covers), so that existing demo project files are rebuilt.
 */
export const DEMO_ASSEMBLY_VERSION = 1;

/** The file every demo resources folder holds; used to recognise one. */
const MARKER = 'graph1.ttl';

/**
 * Where resources/demo lives: MMEA_DEMO_DIR if set; in a packaged Electron app, process.resourcesPath/demo
 * (electron-builder copies resources/demo there through extraResources); in development and in the bundled CLI,
 * resources/demo beside the package.json found walking up from this file.
 */
export function demoResourcesDir(): string {
  const candidates: string[] = [];
  if (process.env.MMEA_DEMO_DIR) candidates.push(process.env.MMEA_DEMO_DIR);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'demo'));
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) candidates.push(join(dir, 'resources', 'demo'));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((c) => existsSync(join(c, MARKER)));
  if (!found) {
    throw new AppError('NOT_FOUND', 'The demo project\'s files (resources/demo) are missing from this installation', {
      hint: `Looked in: ${candidates.join(', ') || '(nowhere)'}. Reinstall MMEA Studio, or run npm run demo:build in a source checkout.`,
    });
  }
  return found;
}

/** Every file under a folder, as sorted '/'-separated relative paths. */
export function listDemoFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * A hash of the demo sources (every file's path and bytes) and of the assembly version: a demo project file that
 * stores a different hash is out of date.
 */
export function demoSourceHash(dir: string, variant: DemoVariant): string {
  const hash = createHash('sha256');
  hash.update(`mmea-demo/${DEMO_ASSEMBLY_VERSION}/${variant}\n`);
  for (const file of listDemoFiles(dir)) {
    const bytes = readFileSync(join(dir, file));
    hash.update(`${file}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
