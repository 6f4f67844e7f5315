/** What the command line asks the app to open at start. */
export interface LaunchArgs {
  project: string | null;
  demo: boolean;
}

/**
 * Reads `--project <file>` / `--project=<file>`, `--demo`, or a bare `*.mmea` path (a file association or a
 * second instance). Chromium's own switches pass through untouched, so unknown options are ignored here.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  let project: string | null = null;
  let demo = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') demo = true;
    else if (arg === '--project' && i + 1 < argv.length) project = argv[++i];
    else if (arg.startsWith('--project=')) project = arg.slice('--project='.length);
    else if (!arg.startsWith('-') && arg.toLowerCase().endsWith('.mmea')) project = arg;
  }
  return { project, demo };
}
