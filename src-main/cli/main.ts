#!/usr/bin/env node
/**
 * The `mmea` command: a thin face over the same core as the app. Each command lives in commands/<name>.ts and
 * exports a `CliCommand`; this file only routes and turns errors into one readable line and an exit code.
 */
import { AppError, toErrorData } from '../shared/errors';
import type { CliCommand } from './command';
import { COMMANDS } from './commands';

function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'mmea: multi-modal entity alignment for knowledge-graph curators',
    '',
    'usage: mmea <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'mmea <command> --help shows the options of a command.',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(COMMANDS));
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`mmea: unknown command '${name}'\n\n${usage(COMMANDS)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const data = toErrorData(error);
    console.error(`mmea ${name}: ${data.message}`);
    if (data.hint) console.error(`  ${data.hint}`);
    if (!(error instanceof AppError) && process.env.MMEA_DEBUG) console.error(error);
    return data.code === 'CANCELLED' ? 130 : 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
