/**
 * `npm run serve`: MMEA Studio in a browser. The same back end as the Electron app (ipc/wiring.ts) behind the
 * browser transport (http-server.ts) on 127.0.0.1 with a per-run token, printed as the URL to open.
 */
import { spawn } from 'node:child_process';
import { AppError, toErrorData } from '../shared/errors';
import { IMAGE_PATH } from '../shared/transport';
import { createAppCore } from '../ipc/wiring';
import type { Core } from '../ipc/core';
import { createToken } from './auth';
import { startServer, type RunningServer } from './http-server';
import { parseServerArgs, SERVER_USAGE, type ServerArgs } from './server-args';
import pkg from '../../package.json';

/** Starts the server as the command line says; resolves once it listens. */
export async function runServer(args: ServerArgs): Promise<{ core: Core; server: RunningServer }> {
  const core = createAppCore({
    dataDir: args.dataDir,
    // No native dialogs in a browser: the UI asks for a path as text when these return null.
    dialogs: { openFile: async () => null, saveFile: async () => null },
    imageUrlFor: (key) => (id) => `${IMAGE_PATH}/${id}?k=${key}`,
  });
  try {
    return { core, server: await listen(core, args) };
  } catch (error) {
    // Nothing is served: release the project file (and the worker, should one have started) before failing.
    await core.shutdown();
    throw error;
  }
}

async function listen(core: Core, args: ServerArgs): Promise<RunningServer> {
  if (args.project) {
    await core.table.project.open(args.project);
  } else if (args.demo) {
    console.log('Preparing the demo project (the first time takes a few seconds)…');
    try {
      await core.table.project.openDemo('attributes');
    } catch (error) {
      // The start screen still works without the demo: say why and serve anyway.
      console.error(`mmea-server: could not open the demo project: ${toErrorData(error).message}`);
    }
  }
  const token = createToken();
  const common = { dispatch: core.dispatch, hub: core.hub, session: core.session, token, rendererDir: args.rendererDir, version: pkg.version };
  let server: RunningServer;
  try {
    server = await startServer({ ...common, port: args.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || args.portGiven) throw portError(error, args.port);
    server = await startServer({ ...common, port: 0 });
  }
  return server;
}

function portError(error: unknown, port: number): unknown {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return new AppError('IO', `Port ${port} on 127.0.0.1 is already in use`, { hint: 'Pass another --port, or --port 0 for any free port.' });
  }
  return error;
}

/** Opens the URL in the curator's browser; failing to do so only costs a hint, since the URL is printed. */
function openBrowser(url: string): void {
  const [command, argv] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, argv, { detached: true, stdio: 'ignore' });
    child.on('error', () => console.error('mmea-server: could not open a browser; open the address above yourself.'));
    child.unref();
  } catch {
    console.error('mmea-server: could not open a browser; open the address above yourself.');
  }
}

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2), __dirname);
  if (args.help) {
    console.log(SERVER_USAGE);
    return;
  }
  if (!Number.isInteger(args.port)) throw new AppError('BAD_INPUT', '--port must be an integer');
  const { core, server } = await runServer(args);
  // Tests and scripts look for this exact line.
  console.log(`MMEA Studio is serving on ${server.url}`);
  if (args.open) openBrowser(server.url);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130);
    stopping = true;
    await core.shutdown().catch((error: unknown) => console.error(error));
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const data = toErrorData(error);
    console.error(`mmea-server: ${data.message}`);
    if (data.hint) console.error(`  ${data.hint}`);
    process.exitCode = 1;
  });
}
