/**
 * The preload of the sandboxed renderer: exposes the typed Api as `window.api` through the context bridge and
 * nothing else (no ipcRenderer, no Node). Bundled to one CommonJS file, since sandboxed preloads cannot load
 * modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

// The main tsconfig has no DOM library; the preload does run in the page, where `location` exists.
const page = globalThis as unknown as { location: { reload(): void } };

contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer, { reload: () => page.location.reload() }));
