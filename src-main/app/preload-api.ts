import type { Api, MenuCommand } from '../shared/api';
import type { JobOutcome, JobProgress } from '../shared/progress';
import type { ApiMethodName } from '../shared/transport';
import { invokeChannel, JOB_OUTCOME_CHANNEL, JOB_PROGRESS_CHANNEL, MENU_COMMAND_CHANNEL, type InvokeEnvelope } from './ipc-channels';

/** The slice of ipcRenderer the preload uses (an interface, so tests can pass a fake). */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Subscribes to one push channel; returns the unsubscribe function. */
function listen<T>(ipc: RendererIpc, channel: string, handler: (value: T) => void): () => void {
  const listener = (_event: unknown, value: unknown) => handler(value as T);
  ipc.on(channel, listener);
  return () => {
    ipc.removeListener(channel, listener);
  };
}

/**
 * The object the preload exposes as `window.api`: exactly the Api, each method one invoke on its own channel.
 * Written out method by method (not generated) so that `satisfies Api` checks every signature.
 */
export function createPreloadApi(ipc: RendererIpc, hooks: { reload: () => void } = { reload: () => undefined }): Api & Required<Pick<Api, 'menu'>> {
  const call = async (method: ApiMethodName, ...args: unknown[]): Promise<never> => {
    const envelope = (await ipc.invoke(invokeChannel(method), ...args)) as InvokeEnvelope;
    if (!envelope.ok) throw envelope.error;
    return envelope.result as never;
  };
  const menuListeners = new Set<(command: MenuCommand) => void>();
  listen<MenuCommand>(ipc, MENU_COMMAND_CHANNEL, (command) => {
    // A renderer that does not handle menu commands still shows the project the menu opened.
    if (menuListeners.size === 0 && command.type === 'project-changed') hooks.reload();
    for (const l of [...menuListeners]) l(command);
  });
  return {
    project: {
      recent: () => call('project.recent'),
      create: (path, name) => call('project.create', path, name),
      open: (path) => call('project.open', path),
      openDemo: (variant?: 'attributes' | 'image-nodes') => call('project.openDemo', variant),
      info: () => call('project.info'),
      close: () => call('project.close'),
    },
    graph: {
      entity: (id) => call('graph.entity', id),
      search: (side, text, limit) => call('graph.search', side, text, limit),
      neighbourhood: (id, depth, relations, maxNodes) => call('graph.neighbourhood', id, depth, relations, maxNodes),
      relations: (side) => call('graph.relations', side),
      gallery: (filter) => call('graph.gallery', filter),
    },
    import: {
      formats: () => call('import.formats'),
      preview: (request) => call('import.preview', request),
      start: (request) => call('import.start', request),
    },
    training: {
      backend: () => call('training.backend'),
      defaults: () => call('training.defaults'),
      start: (options) => call('training.start', options),
      runs: () => call('training.runs'),
    },
    review: {
      align: (options) => call('review.align', options),
      thresholds: () => call('review.thresholds'),
      setThresholds: (thresholds) => call('review.setThresholds', thresholds),
      bandCounts: () => call('review.bandCounts'),
      calibrate: (kind, precision) => call('review.calibrate', kind, precision),
      queue: (query) => call('review.queue', query),
      decide: (decision) => call('review.decide', decision),
      acceptBand: (kind) => call('review.acceptBand', kind),
      undo: () => call('review.undo'),
      redo: () => call('review.redo'),
      history: (offset, limit) => call('review.history', offset, limit),
      quality: () => call('review.quality'),
      preferences: () => call('review.preferences'),
      setPreferences: (preferences) => call('review.setPreferences', preferences),
    },
    export: {
      preview: (format, include, lines) => call('export.preview', format, include, lines),
      save: (request) => call('export.save', request),
    },
    jobs: {
      cancel: (jobId) => call('jobs.cancel', jobId),
      subscribe(onProgress: (progress: JobProgress) => void, onOutcome: (outcome: JobOutcome) => void) {
        const offProgress = listen(ipc, JOB_PROGRESS_CHANNEL, onProgress);
        const offOutcome = listen(ipc, JOB_OUTCOME_CHANNEL, onOutcome);
        return () => {
          offProgress();
          offOutcome();
        };
      },
    },
    dialogs: {
      openFile: (options) => call('dialogs.openFile', options),
      saveFile: (options) => call('dialogs.saveFile', options),
    },
    menu: {
      onCommand(listener: (command: MenuCommand) => void) {
        menuListeners.add(listener);
        return () => {
          menuListeners.delete(listener);
        };
      },
    },
  } satisfies Api;
}
