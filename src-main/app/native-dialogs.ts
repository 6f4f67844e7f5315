import type { BrowserWindow, Dialog } from 'electron';
import type { Api } from '../shared/api';

/** Api['dialogs'] through Electron's native open and save dialogs, attached to the main window when there is one. */
export function createNativeDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | null): Api['dialogs'] {
  return {
    async openFile(options) {
      const settings: Electron.OpenDialogOptions = {
        title: options.title,
        properties: [options.directory ? 'openDirectory' : 'openFile'],
        filters: options.filters,
      };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, settings) : await dialog.showOpenDialog(settings);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async saveFile(options) {
      const settings: Electron.SaveDialogOptions = { title: options.title, defaultPath: options.defaultPath };
      const parent = window();
      const result = parent ? await dialog.showSaveDialog(parent, settings) : await dialog.showSaveDialog(settings);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
