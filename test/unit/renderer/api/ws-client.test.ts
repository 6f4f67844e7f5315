import { describe, expect, it } from 'vitest';
import { createWsApi, wsUrlFromLocation } from '../../../../src-renderer/api/ws-client';
import type { JobProgress } from '@shared/progress';

/** A WebSocket stand-in: records sent messages and lets the test play the server. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  readyState = 0;
  sent: { id: number; method: string; args: unknown[] }[] = [];
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  receive(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  close(): void {
    this.dispatchEvent(new Event('close'));
  }
}

describe('WebSocket api client', () => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= { OPEN: 1 };

  it('passes the page token to the socket URL', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a%2Bb' })).toBe('ws://127.0.0.1:5000/api/ws?token=a%2Bb');
  });

  it('queues calls until open, matches responses by id, and rejects with the server error', async () => {
    const socket = new FakeSocket();
    const api = createWsApi('ws://x', () => socket as unknown as WebSocket);
    const info = api.project.info();
    const open = api.project.open('/bad');
    expect(socket.sent).toHaveLength(0);
    socket.open();
    expect(socket.sent.map((m) => m.method)).toEqual(['project.info', 'project.open']);
    expect(socket.sent[1].args).toEqual(['/bad']);
    socket.receive({ id: socket.sent[1].id, error: { code: 'NOT_FOUND', message: 'No project', hint: 'Pick another' } });
    socket.receive({ id: socket.sent[0].id, result: null });
    await expect(info).resolves.toBeNull();
    await expect(open).rejects.toMatchObject({ code: 'NOT_FOUND', hint: 'Pick another' });
  });

  it('fans job events out to subscribers and stops after unsubscribe', () => {
    const socket = new FakeSocket();
    const api = createWsApi('ws://x', () => socket as unknown as WebSocket);
    const seen: JobProgress[] = [];
    const stop = api.jobs.subscribe((p) => seen.push(p), () => undefined);
    const p: JobProgress = { jobId: 'j', kind: 'other', title: 't', value: 0.5 };
    socket.receive({ type: 'progress', progress: p });
    stop();
    socket.receive({ type: 'progress', progress: p });
    expect(seen).toEqual([p]);
  });

  it('rejects pending calls readably when the connection drops', async () => {
    const socket = new FakeSocket();
    const api = createWsApi('ws://x', () => socket as unknown as WebSocket);
    socket.open();
    const call = api.review.bandCounts();
    socket.close();
    await expect(call).rejects.toMatchObject({ code: 'IO', hint: expect.stringContaining('reload') });
  });
});
