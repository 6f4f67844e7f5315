import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../../src-main/ipc/core';
import { storeOpener } from '../../../../src-main/ipc/project-opener';
import { startServer, type RunningServer } from '../../../../src-main/server/http-server';
import type { ServerMessage } from '../../../../src-main/shared/transport';
import { makeProjectFixture, type ProjectFixture } from '../ipc/project-fixture';

let fixture: ProjectFixture;
let core: Core;
let server: RunningServer;
let base: string;
let token: string;

/** A raw HTTP GET/POST with full control of the headers (fetch would set Host and Origin itself). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function rpc(method: string, args: unknown[], auth = `Bearer ${token}`) {
  return raw(`/api/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(args) });
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: ServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws${query}`, { headers });
    const messages: ServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

async function until<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  fixture = await makeProjectFixture();
  const rendererDir = join(fixture.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MMEA</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  core = createCore({
    dataDir: join(fixture.dir, 'data'),
    dialogs: { openFile: async () => null, saveFile: async () => null },
    opener: storeOpener((key) => (id) => `/images/${id}?k=${key}`),
    demoProject: async () => fixture.projectPath,
    importRunner: async () => ({ counts: {}, seconds: 0 }),
    importFormats: () => [],
  });
  await core.table.project.open(fixture.projectPath);
  token = 'test-token-0123456789';
  server = await startServer({ dispatch: core.dispatch, hub: core.hub, session: core.session, token, rendererDir, port: 0, version: '0.0.0-test' });
  base = `/?token=${token}`;
});

afterAll(async () => {
  await server?.close();
  await core?.shutdown();
});

describe('browser server: binding and token', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('refuses requests without the token or with a wrong one (403), everywhere', async () => {
    for (const path of ['/', '/assets/app-1234.js', `/images/${fixture.ids.thumbImage}`, '/?token=wrong', '/?token=']) {
      expect((await raw(path)).status, path).toBe(403);
    }
    expect((await rpc('project.info', [], 'Bearer nope')).status).toBe(403);
    expect((await raw('/api/rpc/project.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })).status).toBe(403);
  });

  it('refuses a foreign Host or Origin even with the token (DNS rebinding)', async () => {
    expect((await raw(base, { headers: { host: 'evil.example:80' } })).status).toBe(403);
    expect((await raw(base, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await raw(base, { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('serves the page with the token, sets the cookie and a strict CSP, then accepts the cookie', async () => {
    const page = await raw(base);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>MMEA</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`mmea_token_${server.port}=${token}`);
    const asset = await raw('/assets/app-1234.js', { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../fixture.mmea', '/%2e%2e/fixture.mmea', '/assets/%2e%2e/%2e%2e/secret.png', '/..%2fsecret.png', '/%00index.html']) {
      const res = await raw(`${path}${path.includes('?') ? '&' : '?'}token=${token}`);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('browser server: the Api over HTTP and WebSocket', () => {
  it('answers a call over HTTP POST with the open project', async () => {
    const res = await rpc('project.info', []);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body.toString()) as { result: { name: string; path: string } };
    expect(body.result.name).toBe('Fixture');
    expect(body.result.path).toBe(fixture.projectPath);
  });

  it('rejects unknown methods and bad arguments with AppErrorData', async () => {
    const unknown = await rpc('project.constructor', []);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body.toString()).error.code).toBe('BAD_INPUT');
    const bad = await rpc('graph.entity', ['1; DROP TABLE entity']);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.message).toContain('graph.entity[0]');
    const missing = await rpc('graph.entity', [999999]);
    expect(missing.status).toBe(404);
    // 2 MB of arguments the validators would accept: only the body limit refuses them.
    const huge = await rpc('graph.neighbourhood', [fixture.ids.paris, 1, Array.from({ length: 1000 }, () => 'r'.repeat(2000)), 10]);
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.body.toString()).error.message).toContain('larger than 1 MB');
    const notJson = await raw('/api/rpc/project.info', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '[' });
    expect(notJson.status).toBe(400);
    const form = await raw('/api/rpc/project.close', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` }, body: 'a=1' });
    expect(form.status).toBe(415);
  });

  it('refuses a WebSocket without the token and accepts one with it', async () => {
    await expect(openSocket('')).rejects.toThrow('HTTP 403');
    await expect(openSocket('?token=wrong')).rejects.toThrow('HTTP 403');
    await expect(openSocket(`?token=${token}`, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const { ws, messages } = await openSocket(`?token=${token}`);
    await until(() => messages.find((m) => 'type' in m && m.type === 'ready'));
    ws.send(JSON.stringify({ id: 7, method: 'graph.entity', args: [fixture.ids.paris] }));
    ws.send(JSON.stringify({ id: 8, method: 'graph.entity', args: ['x'] }));
    ws.send('not json');
    const ok = await until(() => messages.find((m) => 'id' in m && m.id === 7));
    expect(ok).toMatchObject({ id: 7, result: { iri: 'http://kg1/Paris', label: 'Paris' } });
    const detail = (ok as { result: { images: { url: string }[] } }).result;
    expect(detail.images[0].url).toMatch(new RegExp(`^/images/${fixture.ids.thumbImage}\\?k=[0-9a-f]+$`));
    expect(await until(() => messages.find((m) => 'id' in m && m.id === 8))).toMatchObject({ error: { code: 'BAD_INPUT' } });
    expect(await until(() => messages.find((m) => 'id' in m && m.id === -1))).toMatchObject({ error: { code: 'BAD_INPUT' } });
    ws.close();
  });

  it('pushes job progress and outcomes to connected clients', async () => {
    const { ws, messages } = await openSocket(`?token=${token}`);
    const jobId = core.hub.start('test job', async (ctx) => {
      ctx.progress({ kind: 'other', title: 'test job', value: 0.5 });
      return 42;
    });
    const progress = await until(() => messages.find((m) => 'type' in m && m.type === 'progress'));
    expect(progress).toEqual({ type: 'progress', progress: { kind: 'other', title: 'test job', value: 0.5, jobId } });
    const outcome = await until(() => messages.find((m) => 'type' in m && m.type === 'outcome'));
    expect(outcome).toEqual({ type: 'outcome', outcome: { jobId, status: 'done', result: 42 } });
    ws.close();
  });
});

describe('browser server: images', () => {
  it('serves a thumbnail of the open project with the token (query or cookie)', async () => {
    const res = await raw(`/images/${fixture.ids.thumbImage}?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses ids that are not in the open project, malformed ids and stale project keys', async () => {
    expect((await raw(`/images/987654?token=${token}`)).status).toBe(404);
    expect((await raw(`/images/..%2f..%2fetc%2fpasswd?token=${token}`)).status).toBe(400);
    expect((await raw(`/images/1abc?token=${token}`)).status).toBe(400);
    expect((await raw(`/images/${fixture.ids.thumbImage}?k=deadbeef&token=${token}`)).status).toBe(404);
  });

  it('reads originals only from inside the imported image folder', async () => {
    const original = await raw(`/images/${fixture.ids.originalOnly}?token=${token}`);
    expect(original.status).toBe(200);
    expect((await raw(`/images/${fixture.ids.fileUrl}?size=original&token=${token}`)).status).toBe(200);
    expect((await raw(`/images/${fixture.ids.fileUrlOutside}?size=original&token=${token}`)).status).toBe(404);
    expect((await raw(`/images/${fixture.ids.escaping}?token=${token}`)).status).toBe(404);
    expect((await raw(`/images/${fixture.ids.absoluteOutside}?token=${token}`)).status).toBe(404);
    expect((await raw(`/images/${fixture.ids.remote}?token=${token}`)).status).toBe(404);
  });
});
