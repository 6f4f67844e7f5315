import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { parseLaunchArgs } from '../../../../src-main/app/launch-args';
import { buildMenuTemplate, type MenuActions } from '../../../../src-main/app/menu';
import { createMenuActions } from '../../../../src-main/app/menu-actions';
import type { MenuCommand } from '../../../../src-main/shared/api';
import type { Core } from '../../../../src-main/ipc/core';

function actions(): MenuActions {
  return {
    newProject: vi.fn(), openProject: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), openDemo: vi.fn(),
    closeProject: vi.fn(), exportLinks: vi.fn(), showShortcuts: vi.fn(), openDataFolder: vi.fn(), about: vi.fn(),
  };
}

function find(items: MenuItemConstructorOptions[], path: string[]): MenuItemConstructorOptions {
  const [head, ...rest] = path;
  const item = items.find((i) => (i.label ?? i.role) === head);
  if (!item) throw new Error(`no menu item ${head} among ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return rest.length === 0 ? item : find(item.submenu as MenuItemConstructorOptions[], rest);
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('application menu', () => {
  const recent = [{ path: '/p/a.mmea', name: 'A', openedAt: '2026-01-01T00:00:00Z' }];

  it('has File, Edit, View and Help with the usual entries (and the app menu on macOS)', () => {
    const linux = buildMenuTemplate({ platform: 'linux', appName: 'MMEA Studio', recent, projectOpen: true }, actions());
    expect(linux.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = (find(linux, ['&File']).submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.role ?? i.type);
    expect(file).toEqual(['New Project…', 'Open Project…', 'Open Recent', 'Open Demo', 'Close Project', 'separator', 'Export Links…', 'separator', 'Quit']);
    expect((find(linux, ['&Edit']).submenu as MenuItemConstructorOptions[]).map((i) => i.role ?? i.type)).toContain('paste');
    const mac = buildMenuTemplate({ platform: 'darwin', appName: 'MMEA Studio', recent, projectOpen: true }, actions());
    expect(mac.map((m) => m.label)).toEqual(['MMEA Studio', '&File', '&Edit', '&View', '&Help']);
  });

  it('wires entries to their actions, lists recent projects and disables what needs a project', () => {
    const a = actions();
    const menu = buildMenuTemplate({ platform: 'linux', appName: 'MMEA Studio', recent, projectOpen: false }, a);
    click(find(menu, ['&File', 'Open Recent', 'A — /p/a.mmea']));
    expect(a.openRecent).toHaveBeenCalledWith('/p/a.mmea');
    click(find(menu, ['&File', 'Open Demo', 'Countries and Flag Images (image nodes)']));
    expect(a.openDemo).toHaveBeenCalledWith('image-nodes');
    click(find(menu, ['&File', 'New Project…']));
    expect(a.newProject).toHaveBeenCalled();
    expect(find(menu, ['&File', 'Export Links…']).enabled).toBe(false);
    expect(find(menu, ['&File', 'Close Project']).enabled).toBe(false);
    const empty = buildMenuTemplate({ platform: 'linux', appName: 'MMEA Studio', recent: [], projectOpen: true }, a);
    expect(find(empty, ['&File', 'Open Recent', 'No Recent Projects']).enabled).toBe(false);
    expect(find(empty, ['&File', 'Open Recent', 'Clear Recent']).enabled).toBe(false);
  });
});

describe('menu actions', () => {
  function setup() {
    const sent: MenuCommand[] = [];
    const errors: string[] = [];
    const info = { name: 'P', path: '/p.mmea' };
    const core = {
      table: { project: { open: vi.fn(async () => info), openDemo: vi.fn(async () => info), close: vi.fn(async () => undefined) } },
      recent: { clear: vi.fn() },
    } as unknown as Core;
    const dialogs = { openFile: vi.fn(async () => '/picked.mmea' as string | null), saveFile: vi.fn(async () => null) };
    const rebuildMenu = vi.fn();
    const acts = createMenuActions({
      core, dialogs, send: (c) => sent.push(c), showError: (t, m) => errors.push(`${t}: ${m}`), rebuildMenu, openDataFolder: vi.fn(), about: vi.fn(),
    });
    return { sent, errors, core, dialogs, rebuildMenu, acts, info };
  }
  const settle = () => new Promise((r) => setTimeout(r, 5));

  it('opens a picked project in the main process and tells the renderer', async () => {
    const { acts, sent, core, rebuildMenu, info } = setup();
    acts.openProject();
    await settle();
    expect(core.table.project.open).toHaveBeenCalledWith('/picked.mmea');
    expect(sent).toEqual([{ type: 'project-changed', info }]);
    expect(rebuildMenu).toHaveBeenCalled();
  });

  it('does nothing when the dialog is cancelled, and shows errors with their hint', async () => {
    const { acts, sent, errors, dialogs, core } = setup();
    dialogs.openFile.mockResolvedValueOnce(null);
    acts.openProject();
    await settle();
    expect(sent).toEqual([]);
    expect(errors).toEqual([]);
    (core.table.project.open as ReturnType<typeof vi.fn>).mockRejectedValueOnce({ code: 'NOT_A_PROJECT', message: 'x is not a project', hint: 'Open a .mmea file.' });
    acts.openRecent('/x');
    await settle();
    expect(errors).toEqual(['Could not open the project: x is not a project\n\nOpen a .mmea file.']);
  });

  it('forwards the entries that need the renderer, and closes in the main process', async () => {
    const { acts, sent } = setup();
    acts.newProject();
    acts.exportLinks();
    acts.showShortcuts();
    acts.closeProject();
    await settle();
    expect(sent).toEqual([{ type: 'new-project' }, { type: 'export' }, { type: 'shortcuts' }, { type: 'project-changed', info: null }]);
  });
});

describe('launch arguments', () => {
  it('reads --project, --demo and a bare .mmea path, ignoring Chromium switches', () => {
    expect(parseLaunchArgs(['--project', '/a.mmea'])).toEqual({ project: '/a.mmea', demo: false });
    expect(parseLaunchArgs(['--project=/b.mmea', '--no-sandbox'])).toEqual({ project: '/b.mmea', demo: false });
    expect(parseLaunchArgs(['--demo', '--enable-logging'])).toEqual({ project: null, demo: true });
    expect(parseLaunchArgs(['.', '/home/c/Project.MMEA'])).toEqual({ project: '/home/c/Project.MMEA', demo: false });
    expect(parseLaunchArgs([])).toEqual({ project: null, demo: false });
  });
});
