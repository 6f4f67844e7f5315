import type { MenuItemConstructorOptions } from 'electron';
import type { RecentProject } from '../shared/dto';
import type { DemoVariant } from '../ipc/project-handlers';

/** What the menu's own entries do; the shell implements them (menu-actions.ts). */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  openDemo(variant: DemoVariant): void;
  closeProject(): void;
  exportLinks(): void;
  showShortcuts(): void;
  openDataFolder(): void;
  about(): void;
}

/** What the menu shows: platform conventions, the recent list, whether a project is open. */
export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  recent: RecentProject[];
  projectOpen: boolean;
}

/**
 * The application menu: File (New, Open, Open Recent, Open Demo, Close, Export, Quit), Edit, View, Help, plus the
 * app menu on macOS. Pure data, so it is tested without Electron; Menu.buildFromTemplate turns it into a menu.
 */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : state.recent.map((p) => ({ label: `${p.name} — ${p.path}`, click: () => actions.openRecent(p.path) }));
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      { label: 'Open Recent', submenu: [...recentItems, { type: 'separator' }, { label: 'Clear Recent', enabled: state.recent.length > 0, click: () => actions.clearRecent() }] },
      {
        label: 'Open Demo',
        submenu: [
          { label: 'Countries and Flags', click: () => actions.openDemo('attributes') },
          { label: 'Countries and Flag Images (image nodes)', click: () => actions.openDemo('image-nodes') },
        ],
      },
      { label: 'Close Project', accelerator: 'CmdOrCtrl+W', enabled: state.projectOpen, click: () => actions.closeProject() },
      { type: 'separator' },
      { label: 'Export Links…', accelerator: 'CmdOrCtrl+E', enabled: state.projectOpen, click: () => actions.exportLinks() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => actions.showShortcuts() },
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      ...(mac ? [] : [{ type: 'separator' as const }, { label: `About ${state.appName}`, click: () => actions.about() }]),
    ],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, help];
}
