import type { Api, MenuCommand } from '../shared/api';
import type { ProjectInfo } from '../shared/dto';
import { AppError, toErrorData } from '../shared/errors';
import type { Core } from '../ipc/core';
import type { MenuActions } from './menu';

/** What the menu actions need from Electron, passed in so they can be tested with plain functions. */
export interface MenuActionDeps {
  core: Pick<Core, 'table' | 'recent'>;
  dialogs: Api['dialogs'];
  /** Sends a command to the renderer of the main window. */
  send(command: MenuCommand): void;
  /** Shows an error the curator can act on (message and hint). */
  showError(title: string, message: string): void;
  rebuildMenu(): void;
  openDataFolder(): void;
  about(): void;
}

/**
 * The menu's entries: opening and closing projects happens here, in the main process, through the same handlers
 * the renderer calls (so validation, recent projects and the session behave the same), and the renderer is told
 * with `project-changed`; entries that need the renderer's UI (new project, export, shortcuts) are forwarded.
 */
export function createMenuActions(deps: MenuActionDeps): MenuActions {
  const { core } = deps;
  const changeProject = async (title: string, open: () => Promise<ProjectInfo | null>) => {
    try {
      const info = await open();
      deps.send({ type: 'project-changed', info });
    } catch (error) {
      const data = toErrorData(error);
      if (data.code === 'CANCELLED') return;
      deps.showError(title, data.hint ? `${data.message}\n\n${data.hint}` : data.message);
    } finally {
      deps.rebuildMenu();
    }
  };
  return {
    newProject: () => deps.send({ type: 'new-project' }),
    openProject: () =>
      void changeProject('Could not open the project', async () => {
        const path = await deps.dialogs.openFile({ title: 'Open project', filters: [{ name: 'MMEA Studio project', extensions: ['mmea'] }] });
        if (path === null) throw new AppError('CANCELLED', 'No file was picked');
        return core.table.project.open(path);
      }),
    openRecent: (path) => void changeProject('Could not open the project', () => core.table.project.open(path)),
    clearRecent: () => {
      core.recent.clear();
      deps.rebuildMenu();
    },
    openDemo: (variant) => void changeProject('Could not open the demo project', () => core.table.project.openDemo(variant)),
    closeProject: () =>
      void changeProject('Could not close the project', async () => {
        await core.table.project.close();
        return null;
      }),
    exportLinks: () => deps.send({ type: 'export' }),
    showShortcuts: () => deps.send({ type: 'shortcuts' }),
    openDataFolder: () => deps.openDataFolder(),
    about: () => deps.about(),
  };
}
