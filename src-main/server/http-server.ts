import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AppError, toErrorData, type AppErrorCode } from '../shared/errors';
import { IMAGE_PATH, RPC_PATH, TOKEN_PARAM, WS_PATH } from '../shared/transport';
import type { JobHub } from '../ipc/job-hub';
import type { Dispatch } from '../ipc/registry';
import type { ProjectSession } from '../ipc/session';
import { parseImageId, resolveImage } from '../ipc/image-resolver';
import { isAuthorised, isLocalRequest, tokenCookie } from './auth';
import { contentSecurityPolicy, IMAGE_SECURITY_HEADERS, pageSecurityHeaders } from './content-security';
import { readStatic } from './static-files';
import { serveClient } from './ws-client-session';

/** The only interface the server ever binds: the curator's own machine. */
export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

/** What the server serves and with which secret. */
export interface ServerOptions {
  dispatch: Dispatch;
  hub: JobHub;
  session: ProjectSession;
  token: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 lets the system pick a free port. */
  port: number;
  version: string;
}

/** A listening server: where, and how to stop it. */
export interface RunningServer {
  /** The address actually bound (always 127.0.0.1). */
  host: string;
  port: number;
  /** The URL to open, with the token. */
  url: string;
  close(): Promise<void>;
}

const STATUS: Partial<Record<AppErrorCode, number>> = { BAD_INPUT: 400, NOT_FOUND: 404, BUSY: 409, ALREADY_IMPORTED: 409, CANCELLED: 409 };

/**
 * The browser transport: the built renderer, the Api over a WebSocket (and one-shot HTTP POSTs), and image bytes,
 * on 127.0.0.1 only. Every request must carry the per-run token (query, cookie or bearer header) and name this
 * server as its Host; anything else is refused with 403 before any handler runs.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  let port = options.port;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: toErrorData(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (!isLocalRequest(req, port) || !isAuthorised(req, url, port, options.token)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Forbidden: open the address the MMEA Studio server printed when it started (it carries the access token).\n');
      return;
    }
    if (url.pathname.startsWith(`${RPC_PATH}/`)) return rpc(req, res, decodeURIComponent(url.pathname.slice(RPC_PATH.length + 1)));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname.startsWith(`${IMAGE_PATH}/`)) return image(res, url);
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) {
      const missing = url.pathname === '/';
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(missing ? `The renderer is not built (no index.html in ${options.rendererDir}): run npm run build.\n` : 'Not found\n');
      return;
    }
    const headers: Record<string, string> = {
      ...pageSecurityHeaders(csp()),
      'Content-Type': file.type,
      'Content-Length': String(file.bytes.length),
      'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
    };
    // The page URL carries the token once; the cookie lets its assets, images and socket through afterwards.
    if (url.searchParams.has(TOKEN_PARAM)) headers['Set-Cookie'] = tokenCookie(port, options.token);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, { error: { code: 'BAD_INPUT', message: 'Send the arguments as a JSON array (Content-Type: application/json)' } });
      return;
    }
    try {
      const body = await readBody(req);
      const args = body.length === 0 ? [] : (JSON.parse(body) as unknown);
      const result = await options.dispatch(method, args);
      sendJson(res, 200, { result: result === undefined ? null : result });
    } catch (error) {
      const data = error instanceof SyntaxError ? { code: 'BAD_INPUT' as const, message: 'The body is not valid JSON' } : toErrorData(error);
      sendJson(res, STATUS[data.code] ?? 500, { error: data });
    }
  }

  async function image(res: ServerResponse, url: URL): Promise<void> {
    try {
      const id = parseImageId(url.pathname.slice(IMAGE_PATH.length + 1));
      const key = url.searchParams.get('k');
      if (key !== null && key !== options.session.current()?.key) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('That image belongs to a project that is no longer open\n');
        return;
      }
      const found = await resolveImage(options.session, id, url.searchParams.get('size') === 'original' ? 'original' : 'thumbnail');
      res.writeHead(200, {
        ...IMAGE_SECURITY_HEADERS,
        'Content-Type': found.mime,
        'Content-Length': String(found.bytes.length),
        // The URL names the open project (k), so the bytes behind it never change.
        'Cache-Control': key ? 'private, max-age=86400' : 'no-store',
      });
      res.end(found.bytes);
    } catch (error) {
      const data = toErrorData(error);
      res.writeHead(STATUS[data.code] ?? 500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${data.message}\n`);
    }
  }

  const csp = () => contentSecurityPolicy({ imageSources: [], connectSources: [`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`] });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (url.pathname !== WS_PATH || !isLocalRequest(req, port) || !isAuthorised(req, url, port, options.token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, { dispatch: options.dispatch, hub: options.hub, version: options.version }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  return {
    host: address.address,
    port,
    url: `http://${LOOPBACK}:${port}/?${TOKEN_PARAM}=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.close(1001, 'server closing');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering and let the rest drain, so that the client still reads the refusal.
        req.removeAllListeners('data');
        req.resume();
        reject(new AppError('BAD_INPUT', 'The request body is larger than 1 MB'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
