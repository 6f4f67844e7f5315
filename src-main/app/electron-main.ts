/**
 * The Electron main process: an ordered list of setup calls, each getting what it needs as arguments. It hosts
 * the same back end as the browser server (ipc/wiring.ts) and never loads TF.js (training runs in the worker).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession, shell, type WebContents } from 'electron';
import type { MenuCommand } from '../shared/api';
import { toErrorData } from '../shared/errors';
import type { Core } from '../ipc/core';
import { createAppCore } from '../ipc/wiring';
import { contentSecurityPolicy } from '../server/content-security';
import { APP_URL, bundlePaths, IMAGE_SCHEME, imageUrlFor, isAppUrl } from './app-urls';
import { bindIpc, forwardJobEvents } from './ipc-binding';
import { MENU_COMMAND_CHANNEL } from './ipc-channels';
import { parseLaunchArgs } from './launch-args';
import { buildMenuTemplate } from './menu';
import { createMenuActions } from './menu-actions';
import { createNativeDialogs } from './native-dialogs';
import { createAppProtocolHandler, createImageProtocolHandler, PRIVILEGED_SCHEMES } from './protocols';

const paths = bundlePaths(__dirname);
const CSP = contentSecurityPolicy({ imageSources: [`${IMAGE_SCHEME}:`], connectSources: [] });

/** The state the setup steps share. */
interface Shell {
  core: Core | null;
  window: BrowserWindow | null;
  rebuildMenu: () => void;
  /** A project file macOS asked us to open (double-click, Dock) before the app was ready. */
  pendingFile: string | null;
}
const state: Shell = { core: null, window: null, rebuildMenu: () => undefined, pendingFile: null };

function requireCore(): Core {
  if (!state.core) throw new Error('the back end is not set up yet');
  return state.core;
}

/** One instance: a second launch hands its arguments (e.g. a .mmea file) to the first and quits. */
function claimSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    const win = state.window;
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const { project } = parseLaunchArgs(argv.slice(1));
    if (project && state.core) void openAtStart(state.core, project, false);
  });
  // macOS hands file associations over as an event, not as arguments.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (state.core && state.window) void openAtStart(state.core, path, false);
    else state.pendingFile = path;
  });
  return true;
}

function createBackEnd(): void {
  state.core = createAppCore({
    dataDir: app.getPath('userData'),
    dialogs: createNativeDialogs(dialog, () => state.window),
    imageUrlFor,
  });
}

function registerProtocols(): void {
  protocol.handle('app', createAppProtocolHandler(paths.rendererDir, CSP));
  protocol.handle(IMAGE_SCHEME, createImageProtocolHandler(requireCore().session));
}

/** No permission (camera, notifications, ...) is ever granted; the app needs none. */
function lockDownSession(): void {
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  electronSession.defaultSession.setPermissionCheckHandler(() => false);
}

function bindHandlers(): void {
  const core = requireCore();
  bindIpc(ipcMain, core.dispatch, isAppUrl);
  forwardJobEvents(core.hub, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
}

function sendCommand(command: MenuCommand): void {
  const contents = state.window?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(MENU_COMMAND_CHANNEL, command);
}

function setupMenu(): void {
  const core = requireCore();
  const actions = createMenuActions({
    core,
    dialogs: core.table.dialogs,
    send: sendCommand,
    showError: (title, message) => dialog.showErrorBox(title, message),
    rebuildMenu: () => state.rebuildMenu(),
    openDataFolder: () => void shell.openPath(app.getPath('userData')),
    about: () => app.showAboutPanel(),
  });
  state.rebuildMenu = () => {
    const template = buildMenuTemplate(
      { platform: process.platform, appName: app.name, recent: core.recent.list(), projectOpen: core.session.current() !== null },
      actions,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  state.rebuildMenu();
  // Projects opened from the renderer change the recent list too.
  core.session.onChange(() => state.rebuildMenu());
}

/** Keeps the window on the app's own pages: no navigation away, no new windows, no webviews. */
function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    show: false,
    title: 'MMEA Studio',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  guardContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (state.window === win) state.window = null;
  });
  state.window = win;
  void win.loadURL(APP_URL);
}

/** Opens what the command line names; on the very first launch, the demo. Failures are shown, never fatal. */
async function openInitialProject(): Promise<void> {
  const core = requireCore();
  const args = parseLaunchArgs(process.argv.slice(app.isPackaged ? 1 : 2));
  const marker = join(app.getPath('userData'), 'first-launch-done');
  const firstLaunch = !existsSync(marker);
  const project = args.project ?? state.pendingFile;
  state.pendingFile = null;
  if (project) await openAtStart(core, project, false);
  else if (args.demo || firstLaunch) await openAtStart(core, null, true);
  if (firstLaunch) writeFileSync(marker, `${new Date().toISOString()}\n`);
}

async function openAtStart(core: Core, project: string | null, demo: boolean): Promise<void> {
  try {
    const info = project ? await core.table.project.open(project) : demo ? await core.table.project.openDemo('attributes') : null;
    sendCommand({ type: 'project-changed', info });
  } catch (error) {
    const data = toErrorData(error);
    dialog.showErrorBox(project ? `Could not open ${project}` : 'Could not open the demo project', data.hint ? `${data.message}\n\n${data.hint}` : data.message);
  }
}

/** Quitting cancels running imports and closes the project file cleanly (WAL checkpoint) first. */
function setupQuit(): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !state.core) return;
    event.preventDefault();
    void state.core.shutdown().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** The setup, in order; each step runs once the previous one has. */
const READY_STEPS: [string, () => void | Promise<void>][] = [
  ['back end', createBackEnd],
  ['protocols', registerProtocols],
  ['session', lockDownSession],
  ['ipc', bindHandlers],
  ['menu', setupMenu],
  ['quit', setupQuit],
  ['window', createWindow],
  ['initial project', openInitialProject],
];

async function main(): Promise<void> {
  // app.name (and so the userData folder the lock and recent.json live in) comes from package.json's productName.
  if (!claimSingleInstance()) return;
  // Must happen before 'ready'.
  protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
  await app.whenReady();
  for (const [name, step] of READY_STEPS) {
    try {
      await step();
    } catch (error) {
      dialog.showErrorBox('MMEA Studio could not start', `${name}: ${toErrorData(error).message}`);
      app.exit(1);
      return;
    }
  }
}

void main();
