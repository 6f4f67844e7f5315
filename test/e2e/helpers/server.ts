import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'out', 'main', 'server.cjs');

/** A running browser server on a throw-away data folder. */
export interface TestServer {
  url: string;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** True when `npm run build` has produced the server and the renderer. */
export function built(): boolean {
  return existsSync(SERVER) && existsSync(join(ROOT, 'out', 'renderer', 'index.html'));
}

/**
 * Starts out/main/server.cjs on a free port with its own data folder (so the demo project it builds or copies, and
 * the recent list, are temporary) and resolves with the tokenised URL it prints.
 */
export async function startServer(extraArgs: string[] = [], timeoutMs = 180_000): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mmea-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--port', '0', '--no-open', '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, MMEA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = (): void => {
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
