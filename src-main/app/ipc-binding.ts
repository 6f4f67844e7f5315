import { AppError, toErrorData } from '../shared/errors';
import type { JobOutcome, JobProgress } from '../shared/progress';
import type { JobHub } from '../ipc/job-hub';
import { methodNames, type Dispatch } from '../ipc/registry';
import { invokeChannel, JOB_OUTCOME_CHANNEL, JOB_PROGRESS_CHANNEL, type InvokeEnvelope } from './ipc-channels';

/** The slice of ipcMain this module uses. */
export interface MainIpc {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of an invoke event that says who sent it. */
export interface InvokeEvent {
  senderFrame?: { url: string } | null;
}

/** Somewhere to push job events: the open windows' webContents. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/**
 * Registers one invoke handler per routed method, all through the shared dispatch (which validates arguments).
 * Calls from frames that are not the app's own pages are refused. Returns a function removing the handlers.
 */
export function bindIpc(ipcMain: MainIpc, dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): () => void {
  const channels: string[] = [];
  for (const method of methodNames()) {
    const channel = invokeChannel(method);
    ipcMain.handle(channel, async (event, ...args): Promise<InvokeEnvelope> => {
      try {
        const url = event.senderFrame?.url ?? '';
        if (!isTrustedUrl(url)) throw new AppError('BAD_INPUT', `Refused ${method} from an untrusted page (${url.slice(0, 100) || 'unknown'})`);
        const result = await dispatch(method, args);
        return { ok: true, result };
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Sends every job's progress and outcome to the windows there are at the time of the event. */
export function forwardJobEvents(hub: JobHub, targets: () => EventTarget[]): () => void {
  const send = (channel: string, value: JobProgress | JobOutcome) => {
    for (const target of targets()) if (!target.isDestroyed()) target.send(channel, value);
  };
  return hub.subscribe(
    (progress) => send(JOB_PROGRESS_CHANNEL, progress),
    (outcome) => send(JOB_OUTCOME_CHANNEL, outcome),
  );
}
