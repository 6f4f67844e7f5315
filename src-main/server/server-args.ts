import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { numberOption, parseArgs, stringOption } from '../cli/args';

/** The default port; when it is taken (and no --port was given) the system picks a free one. */
export const DEFAULT_PORT = 5178;

/** The parsed command line of the server. */
export interface ServerArgs {
  port: number;
  /** True when --port was given: then a taken port is an error, not a reason to pick another. */
  portGiven: boolean;
  project: string | null;
  demo: boolean;
  open: boolean;
  dataDir: string;
  rendererDir: string;
  help: boolean;
}

/** The --help text. */
export const SERVER_USAGE = `usage: node out/main/server.cjs [options]

Serves MMEA Studio to a browser on http://127.0.0.1 (this machine only), with a per-run access token.

  --port <n>         port to listen on (default ${DEFAULT_PORT}, or any free port if it is taken; 0 = any)
  --project <file>   open this project file at start
  --demo             open the built-in demo project at start
  --no-open          do not open a browser
  --data-dir <dir>   where recent projects and the demo project are kept
                     (default: $MMEA_DATA_DIR, or the platform's application data folder)
  --renderer <dir>   the built renderer (default: out/renderer beside this server)`;

/** The platform's per-user application data folder for MMEA Studio. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MMEA_DATA_DIR) return resolve(env.MMEA_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'MMEA Studio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MMEA Studio');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'mmea-studio');
}

/** Parses the server's command line (unknown options are errors). */
export function parseServerArgs(argv: string[], bundleDir: string): ServerArgs {
  const parsed = parseArgs(argv, { flags: ['demo', 'no-open', 'help'], values: ['port', 'project', 'data-dir', 'renderer'] });
  const project = stringOption(parsed, 'project');
  return {
    port: numberOption(parsed, 'port', DEFAULT_PORT, 0, 65535),
    portGiven: parsed.options.has('port'),
    project: project ? resolve(project) : null,
    demo: parsed.options.has('demo'),
    open: !parsed.options.has('no-open'),
    dataDir: resolve(stringOption(parsed, 'data-dir') ?? defaultDataDir()),
    rendererDir: resolve(stringOption(parsed, 'renderer') ?? join(bundleDir, '..', 'renderer')),
    help: parsed.options.has('help') || parsed.positional.includes('help'),
  };
}
