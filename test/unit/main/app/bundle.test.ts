import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..', '..');

/** Bundles one entry the way src-main/tools/build-main.ts does, returning what went in and what stays external. */
async function bundle(entry: string): Promise<{ inputs: string[]; externals: string[]; meta: Metafile }> {
  const outdir = mkdtempSync(join(tmpdir(), 'mmea-bundle-'));
  const result = await build({
    absWorkingDir: root, entryPoints: [entry], outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    packages: 'external', external: ['electron'], metafile: true, write: false, logLevel: 'silent',
  });
  const meta: Metafile = result.metafile;
  const externals = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { inputs: Object.keys(meta.inputs), externals: [...new Set(externals)], meta };
}

describe('bundled Electron entry points', () => {
  it('the sandboxed preload needs nothing but electron at run time', async () => {
    const { externals } = await bundle('src-main/app/preload.ts');
    expect(externals).toEqual(['electron']);
  });

  it('the main process never loads TF.js or the model (training runs in the worker)', async () => {
    const { externals, meta } = await bundle('src-main/app/electron-main.ts');
    // Plain model files (option defaults, seeded random numbers) may come along; none of them may pull in a package.
    const modelImports = Object.entries(meta.inputs)
      .filter(([path]) => path.includes('src-main/model/'))
      .flatMap(([path, input]) => input.imports.filter((i) => i.external).map((i) => `${path} -> ${i.path}`));
    expect(modelImports).toEqual([]);
    expect(externals.filter((p) => /^@tensorflow\/|^nsfwjs|^onnxruntime/.test(p))).toEqual([]);
    expect(externals).toContain('better-sqlite3');
  });

  it('neither does the browser server', async () => {
    const { externals } = await bundle('src-main/server/server-main.ts');
    expect(externals.filter((p) => /^@tensorflow\/|^nsfwjs|^onnxruntime|^electron$/.test(p))).toEqual([]);
  });
});
