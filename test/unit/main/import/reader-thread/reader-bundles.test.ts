import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../../../src-main/shared/dto';
import { ProjectStore } from '../../../../../src-main/project/project-store';
import { WorkerClient } from '../../../../../src-main/worker/worker-client';

const root = join(__dirname, '..', '..', '..', '..', '..');
// The entries as src-main/tools/build-main.ts bundles them, into a private folder inside the package.
const out = join(root, 'out', `test-reader-${process.pid}`);
const data = mkdtempSync(join(tmpdir(), 'mmea-reader-bundles-'));
const nt = join(data, 'g.nt');

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src-main/cli/main.ts', worker: 'src-main/worker/worker-entry.ts', 'import-reader': 'src-main/import/reader-thread/reader-entry.ts' },
    outdir: out, outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    packages: 'external', external: ['electron'], logLevel: 'error',
  });
  writeFileSync(nt, Array.from({ length: 3000 }, (_, i) => `<http://a.org/e${i}> <http://a.org/p> <http://a.org/e${(i + 1) % 3000}> .\n`).join(''));
}, 120_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

// MMEA_IMPORT_READER=thread: a reader thread that cannot be found is an error instead of reading on one thread.
describe('the reader thread is found from the bundles', () => {
  it('from the CLI bundle', () => {
    const project = join(data, 'cli.mmea');
    const env = { ...process.env, MMEA_IMPORT_READER: 'thread' };
    const run = (...args: string[]) => spawnSync(process.execPath, [join(out, 'cli.cjs'), ...args], { encoding: 'utf8', env });
    expect(run('create', project).status).toBe(0);
    const imported = run('import', project, '--format', 'rdf', '--side', '1', '--file', nt);
    expect(imported.stderr + imported.stdout).toMatch(/imported into/);
    expect(imported.status).toBe(0);
    const store = ProjectStore.open(project);
    expect(store.info().graphs[0]).toMatchObject({ entities: 3000, relTriples: 3000 });
    store.close();
  });

  it('from the worker bundle (the app\'s import job)', async () => {
    const project = join(data, 'worker.mmea');
    ProjectStore.create(project, 'P').close();
    process.env.MMEA_IMPORT_READER = 'thread';
    const client = new WorkerClient({ workerPath: join(out, 'worker.cjs') });
    try {
      const result = await client.run<ImportResult>('import', { projectPath: project, request: { format: 'rdf', side: 1, paths: { file: nt } } });
      expect(result.counts).toMatchObject({ entities: 3000, relTriples: 3000 });
    } finally {
      delete process.env.MMEA_IMPORT_READER;
      await client.close();
    }
  });
});
