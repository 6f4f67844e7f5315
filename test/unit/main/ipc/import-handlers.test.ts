import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImportHandlers, type ImportRunner } from '../../../../src-main/ipc/import-handlers';
import { JobHub } from '../../../../src-main/ipc/job-hub';
import { ProjectSession, type OpenProject } from '../../../../src-main/ipc/session';
import type { ImportFormat } from '../../../../src-main/import/import-format';
import { AppError } from '../../../../src-main/shared/errors';
import type { JobOutcome, JobProgress } from '../../../../src-main/shared/progress';

const rdf: ImportFormat = {
  id: 'rdf',
  title: 'RDF',
  roles: [{ role: 'file', title: 'RDF file' }, { role: 'links', title: 'Links', optional: true }],
  fingerprintFiles: async () => [],
  read: async function* () {},
};

async function setup(run: ImportRunner) {
  const hub = new JobHub();
  const session = new ProjectSession();
  const project = { path: '/p.mmea', key: 'k', close: () => undefined } as unknown as OpenProject;
  await session.replace(() => project);
  const handlers = createImportHandlers({ session, hub, run, formats: () => [rdf] });
  const progress: JobProgress[] = [];
  const outcomes: JobOutcome[] = [];
  hub.subscribe((p) => progress.push(p), (o) => outcomes.push(o));
  const outcome = async (jobId: string) => {
    for (let i = 0; i < 500 && !outcomes.some((o) => o.jobId === jobId); i++) await new Promise((r) => setTimeout(r, 2));
    return outcomes.find((o) => o.jobId === jobId);
  };
  return { hub, session, project, handlers, progress, outcome };
}

describe('import handlers', () => {
  it('formats: lists the registered formats for the wizard', async () => {
    const { handlers } = await setup(async () => ({ counts: {}, seconds: 0 }));
    expect(await handlers.formats()).toEqual([{ id: 'rdf', title: 'RDF', singleGraph: true, roles: rdf.roles }]);
  });

  it('start: runs the import as a job on the open project, with import progress and the result', async () => {
    const calls: unknown[] = [];
    const { handlers, project, progress, outcome } = await setup(async (p, request, hooks) => {
      calls.push([p, request]);
      hooks.onProgress({ phase: 'triples', done: 50, total: 200, rows: 1234 });
      return { counts: { entities: 3 }, seconds: 0.1 };
    });
    const request = { format: 'rdf' as const, side: 1 as const, paths: { file: '/data/kg1.nt' } };
    const { jobId } = await handlers.start(request);
    expect(await outcome(jobId)).toEqual({ jobId, status: 'done', result: { counts: { entities: 3 }, seconds: 0.1 } });
    expect(calls).toEqual([[project, request]]);
    expect(progress.at(-1)).toMatchObject({ jobId, kind: 'import', phase: 'triples', rows: 1234, value: 0.25, title: 'Import RDF' });
  });

  it('start: a cancelled import reports cancelled (the service rolls back)', async () => {
    const { handlers, hub, outcome } = await setup(
      (_p, _r, hooks) => new Promise((_resolve, reject) => hooks.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'Import cancelled')))),
    );
    const { jobId } = await handlers.start({ format: 'rdf', paths: { file: '/x.nt' } });
    await new Promise((r) => setTimeout(r, 5));
    await hub.cancel(jobId);
    expect(await outcome(jobId)).toEqual({ jobId, status: 'cancelled' });
  });

  it('start: with a worker, runs the import there as its "import" job (never in this process)', async () => {
    let ran = false;
    const { hub, session } = await setup(async () => {
      ran = true;
      return { counts: {}, seconds: 0 };
    });
    const started: unknown[] = [];
    const worker = { start: (type: string, payload: unknown) => (started.push([type, payload]), { jobId: 'w-7', result: Promise.reject(new Error('crash')) }) };
    const handlers = createImportHandlers({ session, hub, run: async () => ({ counts: {}, seconds: 0 }), formats: () => [rdf], worker });
    const request = { format: 'rdf' as const, side: 2 as const, paths: { file: '/data/kg2.ttl' } };
    await expect(handlers.start(request)).resolves.toEqual({ jobId: 'w-7' });
    expect(started).toEqual([['import', { projectPath: '/p.mmea', request }]]);
    expect(ran).toBe(false);
    await expect(handlers.start({ format: 'rdf', paths: {} })).rejects.toMatchObject({ code: 'BAD_INPUT' }); // checked before the worker
    expect(started).toHaveLength(1);
  });

  it('refuses unknown formats, unknown roles and missing required files before starting', async () => {
    const { handlers, hub } = await setup(async () => ({ counts: {}, seconds: 0 }));
    await expect(handlers.start({ format: 'mmkg', paths: {} })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('not available') });
    await expect(handlers.start({ format: 'rdf', paths: { file: '/a', zip: '/b' } })).rejects.toMatchObject({ message: expect.stringContaining("no file role 'zip'") });
    await expect(handlers.start({ format: 'rdf', paths: { links: '/a' } })).rejects.toMatchObject({ message: 'RDF needs RDF file' });
    expect(hub.running()).toEqual([]);
  });

  it('start: needs an open project', async () => {
    const { handlers, session } = await setup(async () => ({ counts: {}, seconds: 0 }));
    session.close();
    await expect(handlers.start({ format: 'rdf', paths: { file: '/x.nt' } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No project is open' });
  });

  it('preview: first lines and a row estimate of each file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmea-preview-'));
    const file = join(dir, 'kg1.nt');
    writeFileSync(file, Array.from({ length: 12 }, (_, i) => `<http://a/${i}> <http://p> "x" .`).join('\n') + '\n');
    const { handlers } = await setup(async () => ({ counts: {}, seconds: 0 }));
    const preview = await handlers.preview({ format: 'rdf', paths: { file } });
    expect(preview.estimatedRows).toBe(12);
    expect(preview.samples).toEqual([{ role: 'file', path: file, lines: Array.from({ length: 5 }, (_, i) => `<http://a/${i}> <http://p> "x" .`) }]);
  });
});
