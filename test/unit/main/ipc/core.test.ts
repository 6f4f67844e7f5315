import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src-main/ipc/core';
import { storeOpener } from '../../../../src-main/ipc/project-opener';
import { makeProjectFixture } from './project-fixture';

describe('createCore', () => {
  it('shuts down in order: in-process jobs cancelled, worker stopped while the project is still open, project closed', async () => {
    const fixture = await makeProjectFixture();
    const order: string[] = [];
    const core = createCore({
      dataDir: join(fixture.dir, 'data'),
      dialogs: { openFile: async () => null, saveFile: async () => null },
      opener: storeOpener(() => (id) => String(id)),
      demoProject: async () => fixture.projectPath,
      importRunner: async () => ({ counts: {}, seconds: 0 }),
      importFormats: () => [],
      dispose: async () => {
        order.push(`dispose (project open: ${core.session.current() !== null})`);
      },
    });
    await core.table.project.open(fixture.projectPath);
    core.hub.start('long import', (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(order.push('job cancelled')))));
    await new Promise((r) => setTimeout(r, 5));
    await core.shutdown();
    expect(order).toEqual(['job cancelled', 'dispose (project open: true)']);
    expect(core.session.current()).toBeNull();
    expect(await core.table.project.info()).toBeNull();
  });

  it('wires domains owned elsewhere into the same table, and says so for those that are absent', async () => {
    const fixture = await makeProjectFixture();
    const core = createCore({
      dataDir: join(fixture.dir, 'data'),
      dialogs: { openFile: async () => null, saveFile: async () => null },
      opener: storeOpener(() => (id) => String(id)),
      demoProject: async () => fixture.projectPath,
      importRunner: async () => ({ counts: {}, seconds: 0 }),
      importFormats: () => [],
      domains: ({ session }) => ({
        export: { preview: async () => `open: ${session.current() !== null}`, save: async (r) => ({ path: r.path, links: 0 }) },
      }),
    });
    await expect(core.dispatch('export.preview', ['csv', 'accepted', 5])).resolves.toBe('open: false');
    await expect(core.dispatch('training.runs', [])).rejects.toMatchObject({ message: expect.stringContaining('not available') });
    await core.shutdown();
  });
});
