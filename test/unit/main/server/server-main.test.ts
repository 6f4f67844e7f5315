import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, DEFAULT_PORT, parseServerArgs } from '../../../../src-main/server/server-args';
import { runServer } from '../../../../src-main/server/server-main';
import { makeProjectFixture } from '../ipc/project-fixture';

describe('server command line', () => {
  it('parses the options, with defaults beside the bundle', () => {
    const args = parseServerArgs(['--port', '0', '--project', 'p.mmea', '--no-open', '--data-dir', '/tmp/d'], '/app/out/main');
    expect(args).toMatchObject({ port: 0, portGiven: true, demo: false, open: false, dataDir: '/tmp/d', rendererDir: '/app/out/renderer' });
    expect(args.project).toBe(join(process.cwd(), 'p.mmea'));
    const defaults = parseServerArgs(['--demo'], '/app/out/main');
    expect(defaults).toMatchObject({ port: DEFAULT_PORT, portGiven: false, demo: true, open: true, project: null });
    expect(() => parseServerArgs(['--prot', '1'], '/x')).toThrow(/unknown option --prot/);
    expect(() => parseServerArgs(['--port', '70000'], '/x')).toThrow(/between 0 and 65535/);
  });

  it('keeps its data in the platform\'s application data folder unless told otherwise', () => {
    expect(defaultDataDir({ MMEA_DATA_DIR: '/data/mmea' }, 'linux')).toBe('/data/mmea');
    expect(defaultDataDir({ XDG_DATA_HOME: '/home/c/.data' }, 'linux')).toBe('/home/c/.data/mmea-studio');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\c\\AppData\\Roaming' }, 'win32')).toContain('MMEA Studio');
    expect(defaultDataDir({}, 'darwin')).toContain(join('Library', 'Application Support', 'MMEA Studio'));
  });
});

describe('runServer', () => {
  it('opens --project at start and moves to a free port when the default one is taken', async () => {
    const fixture = await makeProjectFixture();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'mmea-run-'));
    const base = { demo: false, open: false, dataDir, rendererDir: dataDir, help: false };
    try {
      const { core, server } = await runServer({ ...base, port: taken, portGiven: false, project: fixture.projectPath });
      expect(server.port).not.toBe(taken);
      expect(server.host).toBe('127.0.0.1');
      expect((await core.table.project.info())?.name).toBe('Fixture');
      expect((await core.table.project.recent()).map((r) => r.path)).toEqual([fixture.projectPath]);
      await server.close();
      await core.shutdown();
      await expect(runServer({ ...base, port: 0, portGiven: true, project: join(dataDir, 'missing.mmea') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(runServer({ ...base, port: taken, portGiven: true, project: null })).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining(`Port ${taken}`) });
    } finally {
      blocker.close();
    }
  });
});
