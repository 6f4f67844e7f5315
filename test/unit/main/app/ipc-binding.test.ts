import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../../../src-main/shared/api';
import type { AppErrorData } from '../../../../src-main/shared/errors';
import type { JobOutcome, JobProgress } from '../../../../src-main/shared/progress';
import { bindIpc, forwardJobEvents } from '../../../../src-main/app/ipc-binding';
import { isAppUrl } from '../../../../src-main/app/app-urls';
import { MENU_COMMAND_CHANNEL } from '../../../../src-main/app/ipc-channels';
import { createPreloadApi } from '../../../../src-main/app/preload-api';
import { JobHub } from '../../../../src-main/ipc/job-hub';
import { createDispatch, type HandlerTable } from '../../../../src-main/ipc/registry';
import { fakeIpcPair } from './fake-ipc';

function spyTable(): HandlerTable {
  const table: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(API_METHODS)) {
    table[domain] = {};
    for (const method of methods) table[domain][method] = vi.fn(async (...args: unknown[]) => ({ called: `${domain}.${method}`, args }));
  }
  return table as unknown as HandlerTable;
}

function setup() {
  const pair = fakeIpcPair();
  const table = spyTable();
  const unbind = bindIpc(pair.main, createDispatch(table), isAppUrl);
  const reload = vi.fn();
  const api = createPreloadApi(pair.renderer, { reload });
  return { ...pair, table, api, unbind, reload };
}

describe('Electron IPC: preload <-> ipcMain', () => {
  it('registers exactly one channel per routed method', () => {
    const { handlers, unbind } = setup();
    const expected = Object.entries(API_METHODS).flatMap(([d, ms]) => ms.map((m) => `api:${d}.${m}`));
    expect([...handlers.keys()].sort()).toEqual(expected.sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('calls the handlers with the right arguments and returns their results', async () => {
    const { api, table } = setup();
    await expect(api.graph.neighbourhood(5, 2, ['http://r'], 200)).resolves.toEqual({ called: 'graph.neighbourhood', args: [5, 2, ['http://r'], 200] });
    expect(table.graph.neighbourhood).toHaveBeenCalledWith(5, 2, ['http://r'], 200);
    await api.project.create('/tmp/x.mmea', 'X');
    expect(table.project.create).toHaveBeenCalledWith('/tmp/x.mmea', 'X');
    await api.project.openDemo();
    expect(table.project.openDemo).toHaveBeenCalledWith(undefined);
    await api.import.start({ format: 'rdf', side: 2, paths: { file: '/a.nt' }, options: { base: 'http://x/' } });
    expect(table.import.start).toHaveBeenCalledWith({ format: 'rdf', side: 2, paths: { file: '/a.nt' }, options: { base: 'http://x/' } });
    await api.review.history(0, 50);
    expect(table.review.history).toHaveBeenCalledWith(0, 50);
  });

  it('rejects bad arguments with AppErrorData (code and message intact) and never calls the handler', async () => {
    const { api, table } = setup();
    const bad = api.graph.entity('12' as unknown as number);
    await expect(bad).rejects.toEqual({ code: 'BAD_INPUT', message: 'graph.entity[0] must be a finite number, got a string', hint: expect.any(String), file: undefined, line: undefined });
    await expect(api.review.decide({ left: 1, right: 2, verdict: 'yes' } as never)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(api.export.save({ format: 'csv', include: 'accepted', path: '/x.csv', extra: 1 } as never)).rejects.toMatchObject({ message: expect.stringContaining('extra is not a known field') });
    expect(table.graph.entity).not.toHaveBeenCalled();
    expect(table.review.decide).not.toHaveBeenCalled();
    expect(table.export.save).not.toHaveBeenCalled();
  });

  it('passes handler errors through as AppErrorData', async () => {
    const { api, table } = setup();
    (table.project.open as ReturnType<typeof vi.fn>).mockRejectedValueOnce(Object.assign(new Error('x'), { code: 'NOT_A_PROJECT', message: 'not a project', hint: 'Open a .mmea file' }));
    const error = (await api.project.open('/etc/passwd').catch((e: unknown) => e)) as AppErrorData;
    expect(error).toMatchObject({ code: 'NOT_A_PROJECT', message: 'not a project', hint: 'Open a .mmea file' });
  });

  it('refuses calls from pages that are not the app', async () => {
    const { api, table, state } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', '']) {
      state.senderUrl = url;
      await expect(api.project.info(), url).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('untrusted page') });
    }
    expect(table.project.info).not.toHaveBeenCalled();
  });

  it('forwards job progress and outcomes to the windows; jobs.subscribe receives them until unsubscribed', async () => {
    const { api, webContents } = setup();
    const hub = new JobHub();
    forwardJobEvents(hub, () => [webContents]);
    const progress: JobProgress[] = [];
    const outcomes: JobOutcome[] = [];
    const off = api.jobs.subscribe((p) => progress.push(p), (o) => outcomes.push(o));
    const jobId = await hub.run('x', async (ctx) => {
      ctx.progress({ kind: 'other', title: 'x', value: 1 });
      return 'r';
    }).then(() => hub.running());
    expect(jobId).toEqual([]);
    expect(progress).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ status: 'done', result: 'r' });
    off();
    await hub.run('y', async () => undefined);
    expect(outcomes).toHaveLength(1);
    webContents.destroyed = true;
    await hub.run('z', async () => undefined); // a destroyed window is skipped, not an error
  });

  it('menu commands reach listeners; with none, project-changed reloads the page', () => {
    const { api, webContents, reload } = setup();
    webContents.send(MENU_COMMAND_CHANNEL, { type: 'project-changed', info: null });
    expect(reload).toHaveBeenCalledTimes(1);
    const seen: unknown[] = [];
    const off = api.menu.onCommand((c) => seen.push(c));
    webContents.send(MENU_COMMAND_CHANNEL, { type: 'export' });
    webContents.send(MENU_COMMAND_CHANNEL, { type: 'project-changed', info: null });
    expect(seen).toEqual([{ type: 'export' }, { type: 'project-changed', info: null }]);
    expect(reload).toHaveBeenCalledTimes(1);
    off();
  });
});
