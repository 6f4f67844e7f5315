import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_METHODS } from '../../../../src-main/shared/api';
import type { ServerMessage } from '../../../../src-main/shared/transport';
import { createPreloadApi } from '../../../../src-main/app/preload-api';
import { bindIpc } from '../../../../src-main/app/ipc-binding';
import { createCore, type Core } from '../../../../src-main/ipc/core';
import { storeOpener } from '../../../../src-main/ipc/project-opener';
import { startServer, type RunningServer } from '../../../../src-main/server/http-server';
import { fakeIpcPair } from '../app/fake-ipc';

const contract = Object.fromEntries(Object.entries(API_METHODS).map(([d, ms]) => [d, [...ms].sort()]));
const names = Object.entries(API_METHODS).flatMap(([d, ms]) => ms.map((m) => `${d}.${m}`)).sort();

let core: Core;
let server: RunningServer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmea-parity-'));
  core = createCore({
    dataDir: dir,
    dialogs: { openFile: async () => null, saveFile: async () => null },
    opener: storeOpener(() => (id) => String(id)),
    demoProject: async () => join(dir, 'none.mmea'),
    importRunner: async () => ({ counts: {}, seconds: 0 }),
    importFormats: () => [],
  });
  server = await startServer({ dispatch: core.dispatch, hub: core.hub, session: core.session, token: 't0ken', rendererDir: dir, port: 0, version: 'test' });
});

afterAll(async () => {
  await server.close();
  await core.shutdown();
});

describe('API parity: API_METHODS, the handler table, the preload and the browser transport', () => {
  it('the handler table both transports dispatch to has exactly the contract', () => {
    const table = Object.fromEntries(Object.entries(core.table).map(([d, h]) => [d, Object.keys(h).sort()]));
    expect(table).toEqual(contract);
  });

  it('the preload exposes exactly the contract (plus jobs.subscribe and the Electron menu)', () => {
    const pair = fakeIpcPair();
    const api = createPreloadApi(pair.renderer);
    const exposed = Object.fromEntries(Object.entries(api).map(([d, h]) => [d, Object.keys(h).sort()]));
    expect(exposed).toEqual({ ...contract, jobs: ['cancel', 'subscribe'], menu: ['onCommand'] });
    bindIpc(pair.main, core.dispatch, () => true);
    expect([...pair.handlers.keys()].map((c) => c.slice('api:'.length)).sort()).toEqual(names);
  });

  it('the WebSocket server routes every method of the contract and nothing else', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws?token=t0ken`);
    const replies = new Map<number, ServerMessage>();
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as ServerMessage;
      if ('id' in m) replies.set(m.id, m);
    });
    await new Promise((r) => ws.once('open', r));
    // Arguments that are not a list: a known method fails validation, an unknown one fails the name check first.
    const probes = [...names, 'jobs.subscribe', 'menu.onCommand', 'project.constructor'];
    probes.forEach((method, id) => ws.send(JSON.stringify({ id, method, args: { probe: true } })));
    while (replies.size < probes.length) await new Promise((r) => setTimeout(r, 5));
    const routed = probes.filter((_, id) => {
      const reply = replies.get(id) as { error?: { message: string } };
      return !reply.error?.message.startsWith('Unknown API method');
    });
    expect(routed.sort()).toEqual(names);
    ws.close();
  });
});
