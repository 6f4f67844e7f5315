import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { InvokeEnvelope } from '../../../../src-main/app/ipc-channels';
import { makeProjectFixture, type ProjectFixture } from '../ipc/project-fixture';
import { fakeIpcPair } from './fake-ipc';

/**
 * electron-main.ts against a fake `electron` module: the ordered setup runs as in the app, and the test looks at
 * what it asked Electron for (window options, protocols, IPC handlers, menu, navigation guards).
 */
const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const listeners = new Map<string, ((...a: unknown[]) => unknown)[]>();
  const on = (target: Map<string, ((...a: unknown[]) => unknown)[]>) => (event: string, fn: (...a: unknown[]) => unknown) => {
    target.set(event, [...(target.get(event) ?? []), fn]);
  };
  const contentsListeners = new Map<string, ((...a: unknown[]) => unknown)[]>();
  const sent: unknown[][] = [];
  const state = {
    calls, listeners, contentsListeners, sent,
    userData: '',
    lock: true,
    ready: null as null | (() => void),
    windowOptions: null as null | Record<string, unknown>,
    loaded: '' as string,
    windowOpenHandler: null as null | ((d: { url: string }) => { action: string }),
    permissionHandler: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    menu: null as null | MenuItemConstructorOptions[],
    protocols: new Map<string, (r: Request) => Promise<Response>>(),
    ipcMain: null as unknown,
    errors: [] as string[],
    external: [] as string[],
  };
  const webContents = {
    on: on(contentsListeners),
    send: (...args: unknown[]) => sent.push(args),
    isDestroyed: () => false,
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (state.windowOpenHandler = h),
  };
  class BrowserWindow {
    static windows: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.windows;
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      calls.push('new BrowserWindow');
      state.windowOptions = options;
      BrowserWindow.windows.push(this);
    }
    once() {}
    on() {}
    isMinimized = () => false;
    restore() {}
    focus() {
      calls.push('focus');
    }
    loadURL(url: string) {
      state.loaded = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => state.lock,
      quit: () => calls.push('app.quit'),
      exit: (code: number) => calls.push(`app.exit ${code}`),
      on: on(listeners),
      name: 'MMEA Studio',
      isPackaged: false,
      getPath: () => state.userData,
      whenReady: () => new Promise<void>((resolve) => (state.ready = () => (calls.push('ready'), resolve()))),
      showAboutPanel: () => undefined,
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => state.errors.push(`${title}: ${message}`),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: {
      handle: (channel: string, fn: unknown) => (state.ipcMain as { handle: (c: string, f: unknown) => void }).handle(channel, fn),
      removeHandler: () => undefined,
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => (state.menu = menu),
    },
    protocol: {
      registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged'),
      handle: (scheme: string, handler: (r: Request) => Promise<Response>) => state.protocols.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) => (state.permissionHandler = h),
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openExternal: async (url: string) => state.external.push(url), openPath: async () => '' },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let fixture: ProjectFixture;
let pair: ReturnType<typeof fakeIpcPair>;
const argv = process.argv;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  fixture = await makeProjectFixture();
  fake.state.userData = mkdtempSync(join(tmpdir(), 'mmea-userdata-'));
  pair = fakeIpcPair();
  fake.state.ipcMain = pair.main;
  process.argv = [argv[0], 'app', '--no-sandbox', '--project', fixture.projectPath];
  await import('../../../../src-main/app/electron-main');
  expect(fake.state.calls).toEqual(['registerSchemesAsPrivileged']); // before ready, nothing else yet
  fake.state.ready!();
  await until(() => fake.state.sent.length > 0, 'the project opened at start');
});

afterAll(() => {
  process.argv = argv;
});

describe('Electron main process (fake electron)', () => {
  it('declares its schemes before ready, then opens one locked-down window on the app page', () => {
    expect(fake.state.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'ready', 'new BrowserWindow']);
    const prefs = fake.state.windowOptions!.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(fake.state.loaded).toBe('app://mmea/index.html');
    expect([...fake.state.protocols.keys()]).toEqual(['app', 'mmea-image']);
  });

  it('opens the project named on the command line and tells the renderer', async () => {
    expect(fake.state.sent[0]).toEqual(['menu:command', { type: 'project-changed', info: expect.objectContaining({ name: 'Fixture' }) }]);
    const api = (await import('../../../../src-main/app/preload-api')).createPreloadApi(pair.renderer);
    expect((await api.project.info())?.path).toBe(fixture.projectPath);
    expect((await api.project.recent()).map((r) => r.path)).toEqual([fixture.projectPath]);
  });

  it('routes every IPC call through validation and refuses other senders', async () => {
    const invoke = (channel: string, url: string, ...args: unknown[]) =>
      pair.handlers.get(channel)!({ senderFrame: { url } }, ...args) as Promise<InvokeEnvelope>;
    expect(await invoke('api:graph.entity', 'app://mmea/index.html', 'x')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await invoke('api:project.info', 'https://evil.example/')).toMatchObject({ ok: false, error: { message: expect.stringContaining('untrusted') } });
    expect(await invoke('api:graph.entity', 'app://mmea/index.html', fixture.ids.paris)).toMatchObject({ ok: true, result: { label: 'Paris' } });
  });

  it('keeps the window on the app: no navigation away, no new windows, no permissions', () => {
    const prevent = vi.fn();
    for (const fn of fake.state.contentsListeners.get('will-navigate') ?? []) fn({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalledTimes(1);
    for (const fn of fake.state.contentsListeners.get('will-navigate') ?? []) fn({ preventDefault: prevent }, 'app://mmea/index.html');
    expect(prevent).toHaveBeenCalledTimes(1);
    expect(fake.state.windowOpenHandler!({ url: 'https://example.org/doc' })).toEqual({ action: 'deny' });
    expect(fake.state.external).toEqual(['https://example.org/doc']);
    expect(fake.state.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.state.external).toHaveLength(1);
    let granted: boolean | null = null;
    fake.state.permissionHandler!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('serves the renderer and the open project\'s images through its protocols', async () => {
    const api = (await import('../../../../src-main/app/preload-api')).createPreloadApi(pair.renderer);
    const detail = await api.graph.entity(fixture.ids.paris);
    const image = await fake.state.protocols.get('mmea-image')!(new Request(detail.images[0].url));
    expect(image.status).toBe(200);
    const outside = await fake.state.protocols.get('mmea-image')!(new Request(detail.images[0].url.replace(/image\/\d+/, `image/${fixture.ids.escaping}`) + '&size=original'));
    expect(outside.status).toBe(404);
  });

  it('shows the menu with the project open and the recent list', () => {
    const labels = fake.state.menu!.map((m) => m.label);
    expect(labels).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = fake.state.menu![0].submenu as MenuItemConstructorOptions[];
    const recent = (file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[]).map((i) => i.label);
    expect(recent[0]).toBe(`Fixture — ${fixture.projectPath}`);
    expect(file.find((i) => i.label === 'Export Links…')!.enabled).toBe(true);
    expect(fake.state.errors).toEqual([]);
  });
});

describe('Electron main process: a second instance', () => {
  it('quits at once when another instance holds the lock (that one gets our arguments)', async () => {
    vi.resetModules();
    fake.state.lock = false;
    fake.state.calls.length = 0;
    await import('../../../../src-main/app/electron-main');
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.state.calls).toEqual(['app.quit']);
  });

  it('the first instance opens a project file a second launch was given', async () => {
    const secondInstance = fake.state.listeners.get('second-instance')![0];
    fake.state.sent.length = 0;
    secondInstance({}, ['electron', '/nonexistent/other.mmea']);
    await until(() => fake.state.errors.length > 0, 'the error dialog');
    expect(fake.state.calls).toContain('focus');
    expect(fake.state.errors[0]).toContain('Could not open /nonexistent/other.mmea');
  });
});
