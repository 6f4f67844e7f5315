/**
 * The browser transport's wire protocol: the same `Api` (api.ts) carried as JSON over one WebSocket, plus the
 * HTTP paths around it. Pure types and constants; the server lives in src-main/server, the client in
 * src-renderer/api.
 *
 * Connection: the page is loaded from `http://127.0.0.1:PORT/?token=SECRET`; the client opens
 * `ws://127.0.0.1:PORT${WS_PATH}?token=SECRET` (the token from the page URL's `token` parameter). Requests without
 * the token (query, the `mmea_token_<port>` cookie, or `Authorization: Bearer`) are refused with HTTP 403, the
 * WebSocket upgrade included; so are requests whose Host or Origin is not this loopback server.
 */
import type { Api } from './api';
import type { AppErrorData } from './errors';
import type { JobOutcome, JobProgress } from './progress';

/** The domains whose methods are routed by name (the native menu's events are Electron-only and pushed). */
export type RoutedDomain = Exclude<keyof Api, 'menu'>;

/** "domain.method" for every routed method of the Api (jobs.subscribe is not routed: events are pushed). */
export type ApiMethodName = {
  [D in RoutedDomain]: `${D}.${Exclude<keyof Api[D], D extends 'jobs' ? 'subscribe' : never> & string}`;
}[RoutedDomain];

/** Client -> server: one call. `id` is chosen by the client and echoed in the response. */
export interface TransportRequest {
  id: number;
  method: ApiMethodName;
  args: unknown[];
}

/** Server -> client: the answer to one request; exactly one of `result` / `error`. */
export type TransportResponse = { id: number; result: unknown } | { id: number; error: AppErrorData };

/**
 * Server -> client: pushed to every connected client as jobs run. A client's `jobs.subscribe` listens to these
 * locally; no request is needed. `ready` is the first message on a new connection.
 */
export type TransportEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'outcome'; outcome: JobOutcome }
  | { type: 'ready'; version: string };

/** Anything the server sends on the WebSocket: a response has `id`, an event has `type`. */
export type ServerMessage = TransportResponse | TransportEvent;

/** The WebSocket endpoint. */
export const WS_PATH = '/api/ws';
/** HTTP alternative to the WebSocket for one call: POST `${RPC_PATH}/domain.method` with a JSON array of args. */
export const RPC_PATH = '/api/rpc';
/** Image bytes: GET `${IMAGE_PATH}/<imageId>` (thumbnail) or `?size=original`; same token rules. */
export const IMAGE_PATH = '/images';
/** The query parameter that carries the per-run secret (page URL and WebSocket URL). */
export const TOKEN_PARAM = 'token';
/** Prefix of the HttpOnly cookie the server sets (suffixed with the port, as cookies ignore ports). */
export const TOKEN_COOKIE = 'mmea_token';

/** True when a server message is a response to a request (rather than a pushed event). */
export function isResponse(message: ServerMessage): message is TransportResponse {
  return 'id' in message;
}
