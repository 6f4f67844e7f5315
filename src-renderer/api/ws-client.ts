import { API_METHODS, type Api } from '@shared/api';
import type { AppErrorData } from '@shared/errors';
import type { JobOutcome, JobProgress } from '@shared/progress';
import { TOKEN_PARAM, WS_PATH, isResponse, type ApiMethodName, type ServerMessage, type TransportRequest } from '@shared/transport';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppErrorData) => void;
}

/** The WebSocket URL of the server that served this page, carrying the page's `token` query parameter. */
export function wsUrlFromLocation(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/**
 * An `Api` over one WebSocket: calls are queued until the socket opens, each gets an id, and job progress and
 * outcomes pushed by the server fan out to every `jobs.subscribe` listener.
 */
export function createWsApi(url: string, makeSocket: (url: string) => WebSocket = (u) => new WebSocket(u)): Api {
  const socket = makeSocket(url);
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const progressListeners = new Set<(p: JobProgress) => void>();
  const outcomeListeners = new Set<(o: JobOutcome) => void>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const message of queue.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as ServerMessage;
    if (!isResponse(message)) {
      if (message.type === 'progress') progressListeners.forEach((l) => l(message.progress));
      else if (message.type === 'outcome') outcomeListeners.forEach((l) => l(message.outcome));
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if ('error' in message) call.reject(message.error);
    else call.resolve(message.result);
  });
  socket.addEventListener('close', () => {
    closed = true;
    const lost: AppErrorData = {
      code: 'IO',
      message: 'The connection to the MMEA Studio server was lost.',
      hint: 'Check that the server is still running, then reload this page.',
    };
    for (const call of pending.values()) call.reject(lost);
    pending.clear();
  });

  function call(method: ApiMethodName, args: unknown[]): Promise<unknown> {
    if (closed) {
      return Promise.reject({ code: 'IO', message: 'Not connected to the MMEA Studio server.', hint: 'Reload this page.' } satisfies AppErrorData);
    }
    const id = nextId++;
    const message = JSON.stringify({ id, method, args } satisfies TransportRequest);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });
  }

  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(API_METHODS)) {
    api[domain] = {};
    for (const method of methods) api[domain][method] = (...args: unknown[]) => call(`${domain}.${method}` as ApiMethodName, args);
  }
  api.jobs.subscribe = (onProgress: (p: JobProgress) => void, onOutcome: (o: JobOutcome) => void) => {
    progressListeners.add(onProgress);
    outcomeListeners.add(onOutcome);
    return () => {
      progressListeners.delete(onProgress);
      outcomeListeners.delete(onOutcome);
    };
  };
  // In a browser there is no native dialog: the UI falls back to a path text field when these return null.
  api.dialogs.openFile = () => Promise.resolve(null);
  api.dialogs.saveFile = () => Promise.resolve(null);
  return api as unknown as Api;
}
