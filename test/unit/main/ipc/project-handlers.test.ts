import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobHub } from '../../../../src-main/ipc/job-hub';
import { createProjectHandlers, type DemoVariant } from '../../../../src-main/ipc/project-handlers';
import { storeOpener } from '../../../../src-main/ipc/project-opener';
import { RecentProjects } from '../../../../src-main/ipc/recent-projects';
import { ProjectSession } from '../../../../src-main/ipc/session';
import type { JobProgress } from '../../../../src-main/shared/progress';
import { makeProjectFixture } from './project-fixture';

async function setup() {
  const fixture = await makeProjectFixture();
  const hub = new JobHub();
  const session = new ProjectSession(() => hub.running().map((j) => j.title));
  const recent = new RecentProjects(join(fixture.dir, 'data', 'recent.json'));
  const demoCalls: DemoVariant[] = [];
  const handlers = createProjectHandlers({
    session,
    hub,
    recent,
    opener: storeOpener((key) => (id) => `test://${key}/${id}`),
    demoProject: async (variant, ctx) => {
      demoCalls.push(variant);
      ctx.progress({ kind: 'import', title: 'Preparing the demo project', phase: 'rdf', rows: 10, value: 0.5 });
      return fixture.projectPath;
    },
  });
  return { fixture, hub, session, recent, handlers, demoCalls };
}

describe('project handlers', () => {
  it('open: opens the file, returns its info and records it as recent', async () => {
    const { fixture, handlers, session, recent } = await setup();
    const seenByListeners: string[][] = [];
    session.onChange(() => seenByListeners.push(recent.list().map((r) => r.path)));
    const info = await handlers.open(fixture.projectPath);
    expect(seenByListeners).toEqual([[fixture.projectPath]]); // the menu rebuilt on change already lists it
    expect(info).toMatchObject({ name: 'Fixture', path: fixture.projectPath });
    expect(await handlers.info()).toMatchObject({ name: 'Fixture' });
    expect((await handlers.recent()).map((r) => r.path)).toEqual([fixture.projectPath]);
    expect(session.current()?.key).toMatch(/^[0-9a-f]{12}$/);
    await handlers.close();
    expect(await handlers.info()).toBeNull();
  });

  it('create: makes a new project, refuses an existing path, keeps the current project on failure', async () => {
    const { fixture, handlers } = await setup();
    const path = join(fixture.dir, 'new.mmea');
    const info = await handlers.create(path, '  My merge  ');
    expect(info.name).toBe('My merge');
    expect(existsSync(path)).toBe(true);
    await expect(handlers.create(fixture.projectPath, 'x')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('already exists') });
    await expect(handlers.open(join(fixture.dir, 'missing.mmea'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await handlers.info())?.name).toBe('My merge');
    await handlers.close();
  });

  it('open: refuses a file that is not a project', async () => {
    const { fixture, handlers } = await setup();
    await expect(handlers.open(join(fixture.imagesDir, 'paris.png'))).rejects.toMatchObject({ code: 'NOT_A_PROJECT' });
  });

  it('openDemo: builds the demo as a job with progress, opens it, and keeps it out of the recent list', async () => {
    const { handlers, hub, demoCalls } = await setup();
    const progress: JobProgress[] = [];
    hub.subscribe((p) => progress.push(p), () => undefined);
    const info = await handlers.openDemo(undefined);
    expect(info.name).toBe('Fixture');
    expect(demoCalls).toEqual(['attributes']);
    expect(progress[0]).toMatchObject({ title: 'Preparing the demo project', value: 0.5 });
    await handlers.openDemo('image-nodes');
    expect(demoCalls).toEqual(['attributes', 'image-nodes']);
    expect(await handlers.recent()).toEqual([]);
    await handlers.close();
  });

  it('refuses to switch or close the project while a job uses it (BUSY)', async () => {
    const { fixture, handlers, hub } = await setup();
    await handlers.open(fixture.projectPath);
    let release: () => void = () => undefined;
    hub.start('Import RDF', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((r) => setTimeout(r, 5));
    await expect(handlers.open(fixture.projectPath)).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining('Import RDF') });
    await expect(handlers.close()).rejects.toMatchObject({ code: 'BUSY' });
    release();
    await new Promise((r) => setTimeout(r, 5));
    await handlers.close();
  });
});
