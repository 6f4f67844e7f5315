/**
 * `npm start` (after `npm run build`): runs MMEA Studio in Electron on the demo project. The electron package is
 * installed without its binary (package.json allowScripts), so where the binary is missing this runs Electron's
 * own installer once; if that fails (no internet), it says so in one line and serves the same app to a browser on
 * a loopback URL instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The Electron executable when the package's binary is installed (dist/ and path.txt present), else null. */
export function electronBinary(electronDir: string): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(join(electronDir, 'dist')) || !existsSync(pathFile)) return null;
  const executable = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** The most telling line of a failed installer's output, e.g. "getaddrinfo ENOTFOUND github.com". */
export function failureReason(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const error = lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) ?? lines[0] ?? 'no output';
  return error.replace(/^[A-Za-z]*Error:\s*/, '').slice(0, 160);
}

/** Runs node_modules/electron/install.js once; returns null on success, or why it failed. */
export function installElectron(electronDir: string, timeoutMs = 10 * 60_000): string | null {
  const env = { ...process.env };
  // The variable that keeps npm install offline-safe here must not stop this deliberate attempt.
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, encoding: 'utf8', timeout: timeoutMs });
  if (result.error) return result.error.message;
  if (result.status !== 0) return failureReason(`${result.stderr}\n${result.stdout}`);
  return electronBinary(electronDir) ? null : 'the installer finished but no binary is there';
}

/** Runs a child with the terminal, passes Ctrl-C and termination on, and exits with its code. */
function runAttached(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`npm start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  return child;
}

function main(): void {
  const electronDir = join(root, 'node_modules', 'electron');
  let binary = electronBinary(electronDir);
  if (!binary && existsSync(join(electronDir, 'install.js'))) {
    // One line whatever happens: the attempt, then its result on the same line (a download can take minutes).
    process.stdout.write('Electron is not installed: downloading it with its installer... ');
    const failure = installElectron(electronDir);
    binary = failure === null ? electronBinary(electronDir) : null;
    if (failure !== null) process.stdout.write(`failed (${failure}); serving MMEA Studio in your browser instead.\n`);
    else process.stdout.write('done.\n');
  } else if (!binary) {
    console.log('Electron is not installed (node_modules/electron is missing); serving MMEA Studio in your browser instead.');
  }
  if (binary) runAttached(binary, [root, '--demo']);
  else runAttached(process.execPath, [join(root, 'out', 'main', 'server.cjs'), '--demo']);
}

if (require.main === module) main();
