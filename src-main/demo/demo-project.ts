import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ImportRequest } from '../shared/dto';
import { AppError } from '../shared/errors';
import type { ImportFormat, ImportProgressInfo } from '../import/import-format';
import { IMPORT_FORMATS } from '../import/formats';
import { runImport } from '../import/import-service';
import { ProjectStore } from '../project/project-store';
import { demoGoldFormat } from './demo-gold-format';
import { demoResourcesDir, demoSourceHash, type DemoVariant } from './demo-resources';

/** Meta keys a demo project carries. */
export const DEMO_META = { variant: 'demo.variant', sourceHash: 'demo.sourceHash' } as const;

/** Progress of building a demo project: which import step, and that import's own progress. */
export interface DemoBuildProgress {
  step: number;
  steps: number;
  title: string;
  info?: ImportProgressInfo;
}

export interface DemoProjectOptions {
  /** The demo sources; defaults to demoResourcesDir(). */
  resourcesDir?: string;
  onProgress?: (progress: DemoBuildProgress) => void;
  signal?: AbortSignal;
}

/** The project file of a variant inside `targetDir`. */
export function demoProjectPath(targetDir: string, variant: DemoVariant): string {
  return join(resolve(targetDir), `demo-${variant}.mmea`);
}

const building = new Map<string, Promise<string>>();

/**
 * Returns the path of the demo project of `variant` in `targetDir`, building it first from resources/demo through
 * the real importers when it is absent or out of date (its stored content hash differs from the sources'). The
 * file is built under a temporary name and renamed into place, so a crash or a concurrent caller never sees half a
 * project. An out-of-date demo that holds curator decisions is kept beside it as <name>.previous.mmea (or
 * .previous-2.mmea, ...: an earlier keep is never overwritten).
 */
export async function ensureDemoProject(targetDir: string, variant: DemoVariant = 'attributes', options: DemoProjectOptions = {}): Promise<string> {
  return ensureDemoProjectAt(demoProjectPath(targetDir, variant), variant, options);
}

/** As ensureDemoProject, at an explicit file path (the CLI's --out). */
export async function ensureDemoProjectAt(file: string, variant: DemoVariant, options: DemoProjectOptions = {}): Promise<string> {
  const path = resolve(file);
  const pending = building.get(path);
  if (pending) return pending;
  const job = ensure(path, variant, options).finally(() => building.delete(path));
  building.set(path, job);
  return job;
}

async function ensure(path: string, variant: DemoVariant, options: DemoProjectOptions): Promise<string> {
  const sources = options.resourcesDir ?? demoResourcesDir();
  const hash = demoSourceHash(sources, variant);
  if (existsSync(path) && storedHash(path) === hash) return path;

  const dir = resolve(path, '..');
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.demo-${variant}.${process.pid}.${randomBytes(4).toString('hex')}.building.mmea`);
  try {
    const store = ProjectStore.create(temp, variant === 'image-nodes' ? 'Demo: countries and flag images' : 'Demo: countries and flags');
    try {
      await importDemo(store, sources, variant, options);
      store.db.transaction(() => {
        store.meta.set(DEMO_META.variant, variant);
        store.meta.set(DEMO_META.sourceHash, hash);
      })();
    } finally {
      store.close();
    }
    replace(path, temp);
  } catch (error) {
    removeDb(temp);
    throw error;
  }
  return path;
}

/** The content hash a demo project was built from, or null when the file is unreadable or not a demo. */
function storedHash(path: string): string | null {
  try {
    const store = ProjectStore.open(path);
    try {
      return store.meta.get(DEMO_META.sourceHash) ?? null;
    } finally {
      store.close();
    }
  } catch {
    return null; // damaged, foreign or from a newer app: rebuilt (and the old file kept if it has decisions)
  }
}

function decisionsIn(path: string): number {
  try {
    const store = ProjectStore.open(path);
    try {
      return store.info().decisions;
    } finally {
      store.close();
    }
  } catch {
    return 1; // cannot tell: keep it rather than risk a curator's work
  }
}

function replace(path: string, temp: string): void {
  try {
    if (existsSync(path)) {
      if (decisionsIn(path) > 0) {
        const kept = freeName(`${path.replace(/\.mmea$/, '')}.previous`);
        renameSync(path, kept);
        for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, kept + suffix);
      } else {
        removeDb(path);
      }
    }
    renameSync(temp, path);
  } catch (error) {
    throw new AppError('IO', `Cannot put the rebuilt demo project in place at ${path}: ${(error as Error).message}`, {
      hint: 'Close other windows or programs that have the demo project open, then open the demo again.',
      cause: error,
    });
  }
}

/** `<base>.mmea`, or `<base>-2.mmea`, `<base>-3.mmea`, ... whichever does not exist: earlier keeps are never overwritten. */
function freeName(base: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}.mmea` : `${base}-${n}.mmea`;
    if (!existsSync(candidate)) return candidate;
  }
}

function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** The import steps of a variant, in order: both graphs with their owl:sameAs gold, the flags, the gold splits. */
export function demoImportSteps(sources: string, variant: DemoVariant): (ImportRequest & { title: string })[] {
  const at = (name: string): string => join(sources, name);
  const nodes = variant === 'image-nodes';
  return [
    { title: 'Both graphs and their owl:sameAs links', format: 'rdf', paths: { graph1: at('graph1.ttl'), graph2: at(nodes ? 'graph2-image-nodes.ttl' : 'graph2.ttl'), links: at('links.nt') } },
    { title: 'Flags of graph 1 (SVG)', format: 'image-files', side: 1, paths: { dir: sources, mapping: at('images-1.tsv') } },
    // The variant's flag entities, their kind and their foaf:depicts links come from graph2-image-nodes.ttl, so the
    // pictures attach to them as to any entity. Option asNodes would add nothing but a label equal to the file
    // name ("fr.png"), which would leak the country code into the name features that text-image matching must
    // do without.
    nodes
      ? { title: 'Pictures of the flag entities of graph 2 (PNG)', format: 'image-files', side: 2, paths: { dir: sources, mapping: at('images-2-nodes.tsv') } }
      : { title: 'Flags of graph 2 (PNG)', format: 'image-files', side: 2, paths: { dir: sources, mapping: at('images-2.tsv') } },
  ];
}

async function importDemo(store: ProjectStore, sources: string, variant: DemoVariant, options: DemoProjectOptions): Promise<void> {
  type Step = { title: string; format: ImportFormat; paths: Record<string, string>; side?: ImportRequest['side']; options?: ImportRequest['options'] };
  const steps: Step[] = demoImportSteps(sources, variant).map((r) => ({ title: r.title, format: formatOf(r.format), paths: r.paths, side: r.side, options: r.options }));
  steps.push({ title: 'Gold train/valid/test split', format: demoGoldFormat, paths: { splits: join(sources, 'gold-splits.tsv') } });
  if (variant === 'image-nodes') {
    steps.push({ title: 'Text-image gold (country to flag)', format: demoGoldFormat, paths: { splits: join(sources, 'gold-splits-image-nodes.tsv') } });
  }
  store.meta.setGraphName(1, 'world-countries (English)');
  store.meta.setGraphName(2, 'countries-list (français)');
  for (const [i, step] of steps.entries()) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'Building the demo project was cancelled');
    const report = (info?: ImportProgressInfo): void => options.onProgress?.({ step: i + 1, steps: steps.length, title: step.title, info });
    report();
    await runImport(store, step.format, {
      paths: step.paths,
      side: step.side,
      options: step.options ?? {},
      onProgress: report,
      signal: options.signal,
    });
  }
}

function formatOf(id: ImportRequest['format']): ImportFormat {
  const format = IMPORT_FORMATS[id];
  if (!format) throw new AppError('INTERNAL', `The demo project needs the ${id} import format, which this build does not have`);
  return format;
}
