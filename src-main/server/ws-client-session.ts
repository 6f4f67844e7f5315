import type { WebSocket } from 'ws';
import { AppError, toErrorData } from '../shared/errors';
import type { ServerMessage } from '../shared/transport';
import type { JobHub } from '../ipc/job-hub';
import type { Dispatch } from '../ipc/registry';

/** Past this many queued bytes a slow client misses progress updates (never responses or outcomes). */
const PROGRESS_BACKLOG_LIMIT = 4 * 1024 * 1024;

/**
 * Serves one authorised WebSocket: each text message is a TransportRequest answered by a TransportResponse with
 * the same id; every job's progress and outcome is pushed while the socket is open.
 */
export function serveClient(ws: WebSocket, deps: { dispatch: Dispatch; hub: JobHub; version: string }): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = deps.hub.subscribe(
    (progress) => {
      if (ws.bufferedAmount < PROGRESS_BACKLOG_LIMIT) send({ type: 'progress', progress });
    },
    (outcome) => send({ type: 'outcome', outcome: { ...outcome, ...('result' in outcome ? { result: jsonSafe(outcome.result) } : {}) } }),
  );
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let id = -1;
    void (async () => {
      try {
        if (isBinary) throw new AppError('BAD_INPUT', 'Requests are JSON text messages');
        const request = parseRequest(data.toString(), (found) => (id = found));
        const result = await deps.dispatch(request.method, request.args);
        send({ id, result: result === undefined ? null : result });
      } catch (error) {
        send({ id, error: toErrorData(error) });
      }
    })();
  });
  send({ type: 'ready', version: deps.version });
}

/** Checks the envelope; the arguments themselves are validated by the dispatch. */
export function parseRequest(text: string, onId: (id: number) => void = () => undefined): { id: number; method: string; args: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('BAD_INPUT', 'The request is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new AppError('BAD_INPUT', 'The request must be an object');
  const { id, method, args } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new AppError('BAD_INPUT', 'The request needs an integer id');
  // From here on, errors can be answered under the request's own id.
  onId(id);
  if (typeof method !== 'string') throw new AppError('BAD_INPUT', 'The request needs a method name');
  return { id, method, args: args ?? [] };
}

/** Job results cross as JSON; anything that cannot (cycles, BigInt) is dropped rather than killing the socket. */
function jsonSafe(value: unknown): unknown {
  try {
    JSON.stringify(value);
    return value;
  } catch {
    return null;
  }
}
