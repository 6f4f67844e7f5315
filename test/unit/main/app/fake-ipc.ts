import type { InvokeEvent, MainIpc } from '../../../../src-main/app/ipc-binding';
import type { RendererIpc } from '../../../../src-main/app/preload-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/**
 * An in-memory ipcMain/ipcRenderer pair: invoke() on the renderer side calls the handler registered on the main
 * side (with a sender frame URL the test chooses), and send() pushes to the renderer's listeners. Arguments go
 * through structuredClone, as Electron's IPC would serialise them.
 */
export function fakeIpcPair(senderUrl = 'app://mmea/index.html') {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, Set<Listener>>();
  const state = { senderUrl };
  const main: MainIpc = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const renderer: RendererIpc = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: state.senderUrl } }, ...structuredClone(args)));
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const webContents = {
    destroyed: false,
    send(channel: string, ...args: unknown[]) {
      for (const l of listeners.get(channel) ?? []) l({}, ...structuredClone(args));
    },
    isDestroyed() {
      return this.destroyed;
    },
  };
  return { main, renderer, webContents, handlers, listeners, state };
}
