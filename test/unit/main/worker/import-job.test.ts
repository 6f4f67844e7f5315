import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJob } from '../../../../src-main/worker/jobs/import-job';
import type { WorkerJobContext } from '../../../../src-main/worker/job-registry';
import { ProjectStore } from '../../../../src-main/project/project-store';
import type { JobProgress } from '../../../../src-main/shared/progress';

const fixture = join(__dirname, '..', '..', '..', 'fixtures', 'import', 'id-layout', 'small');

function context(signal: AbortSignal = new AbortController().signal) {
  const progress: Omit<JobProgress, 'jobId'>[] = [];
  const ctx = {
    jobId: 'j1', signal, backend: { name: 'cpu', tried: [] },
    progress: (p: Omit<JobProgress, 'jobId'>) => progress.push(p),
    log: () => undefined,
    openProject: () => {
      throw new Error('the import job opens the store itself');
    },
  } as unknown as WorkerJobContext;
  return { ctx, progress };
}

function newProject(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mmea-import-job-')), 'p.mmea');
  ProjectStore.create(path, 'P').close();
  return path;
}

describe("worker job 'import'", () => {
  it('imports into the project file with import progress', async () => {
    const projectPath = newProject();
    const { ctx, progress } = context();
    const payload = importJob.parse({ projectPath, request: { format: 'id-layout', paths: { dir: fixture } } });
    const result = await importJob.run(payload, ctx);
    expect(result.counts.entities).toBeGreaterThan(0);
    const store = ProjectStore.open(projectPath);
    try {
      expect(store.info().graphs[0].entities + store.info().graphs[1].entities).toBe(result.counts.entities);
    } finally {
      store.close();
    }
    expect(progress[0]).toMatchObject({ kind: 'import', title: expect.stringContaining('Import'), phase: 'starting' });
    expect(progress.at(-1)).toMatchObject({ kind: 'import', phase: 'done' });
  });

  it('a cancelled import leaves the project unchanged', async () => {
    const projectPath = newProject();
    const controller = new AbortController();
    controller.abort();
    const { ctx } = context(controller.signal);
    await expect(importJob.run(importJob.parse({ projectPath, request: { format: 'id-layout', paths: { dir: fixture } } }), ctx)).rejects.toMatchObject({ code: 'CANCELLED' });
    const store = ProjectStore.open(projectPath);
    try {
      expect(store.info().graphs[0].entities).toBe(0);
    } finally {
      store.close();
    }
  });

  it('refuses malformed payloads and unknown formats', async () => {
    expect(() => importJob.parse({ projectPath: '/p.mmea' })).toThrow(/request/);
    expect(() => importJob.parse({ request: { paths: {} } })).toThrow(/projectPath/);
    const { ctx } = context();
    await expect(importJob.run({ projectPath: newProject(), request: { format: 'zip' as never, paths: {} } }, ctx)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
