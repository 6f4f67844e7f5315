import { AppError } from '../../shared/errors';
import type { GraphSide } from '../../shared/model';
import type { ImportFormat, ImportProgressInfo } from '../../import/import-format';
import { IMPORT_FORMATS } from '../../import/formats';
import { runImport } from '../../import/import-service';
import { ProjectStore } from '../../project/project-store';
import { parseArgs, stringOption } from '../args';
import type { CliCommand } from '../command';

function formatById(id: string | undefined): ImportFormat {
  const known = Object.keys(IMPORT_FORMATS).join(', ');
  if (!id) throw new AppError('BAD_INPUT', '--format is required', { hint: `formats: ${known}` });
  const format = (IMPORT_FORMATS as Record<string, ImportFormat | undefined>)[id];
  if (!format) throw new AppError('BAD_INPUT', `unknown format '${id}'`, { hint: `formats: ${known}` });
  return format;
}

/** `--option k=v` may repeat, which the generic parser does not allow: take those out first. */
function takeOptions(args: string[]): { rest: string[]; options: Record<string, string | number | boolean> } {
  const rest: string[] = [];
  const options: Record<string, string | number | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg !== '--option' && !arg.startsWith('--option=')) {
      rest.push(arg);
      continue;
    }
    const pair = arg === '--option' ? args[++i] : arg.slice('--option='.length);
    const eq = pair?.indexOf('=') ?? -1;
    if (!pair || eq <= 0) throw new AppError('BAD_INPUT', `--option needs key=value, got '${pair ?? ''}'`);
    const raw = pair.slice(eq + 1);
    options[pair.slice(0, eq)] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return { rest, options };
}

/** One progress line: a carriage-return line on a terminal, an occasional plain line otherwise (logs, pipes). */
function progressPrinter(): { update(info: ImportProgressInfo): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastPlain = -Infinity;
  return {
    update(info) {
      const seconds = (performance.now() - started) / 1000;
      const pct = info.total ? ` ${Math.min(100, (100 * info.done) / info.total).toFixed(0)}%` : '';
      const line = `import: ${info.phase}${pct}, ${info.rows.toLocaleString('en-US')} records, ${seconds.toFixed(1)} s`;
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else if (seconds - lastPlain >= 1 || info.phase === 'done') {
        lastPlain = seconds;
        process.stderr.write(`${line}\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/** `mmea import <file> --format <id> [--side 1|2] --<role> <path>... [--option k=v]`. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import graphs, gold links, images or features into a project (all or nothing)',
  help: [
    'usage: mmea import <file> --format <id> [--side 1|2] --<role> <path>... [--option key=value]...',
    '',
    'Imports in one transaction: on any error, Ctrl-C or a crash the project is left exactly as before.',
    'Importing the same data twice is refused. Decisions are never touched.',
    '',
    'formats and their file roles:',
    ...Object.values(IMPORT_FORMATS).map((f) => `  ${f.id.padEnd(15)} ${f.title}\n${f.roles.map((r) => `      --${r.role} <${r.directory ? 'folder' : 'file'}>${r.optional ? ' (optional)' : ''}  ${r.title}`).join('\n')}`),
    '',
    '  --side 1|2             which graph receives single-graph data (RDF, images, features)',
    '  --option key=value     a format option (repeatable)',
  ].join('\n'),
  async run(args) {
    const { rest, options } = takeOptions(args);
    const formatIndex = rest.findIndex((a) => a === '--format' || a.startsWith('--format='));
    const formatId = formatIndex < 0 ? undefined : rest[formatIndex].includes('=') ? rest[formatIndex].split('=')[1] : rest[formatIndex + 1];
    const format = formatById(formatId);
    const roles = format.roles.map((r) => r.role);
    const parsed = parseArgs(rest, { values: ['format', 'side', ...roles] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea import <file> --format <id> --<role> <path>...' });
    const sideText = stringOption(parsed, 'side');
    if (sideText !== undefined && sideText !== '1' && sideText !== '2') throw new AppError('BAD_INPUT', '--side must be 1 or 2');
    const paths: Record<string, string> = {};
    for (const role of format.roles) {
      const path = stringOption(parsed, role.role);
      if (path) paths[role.role] = path;
      else if (!role.optional) throw new AppError('BAD_INPUT', `--${role.role} is required for format ${format.id} (${role.title})`);
    }

    const store = ProjectStore.open(file);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const printer = progressPrinter();
    try {
      const side = sideText === undefined ? undefined : (Number(sideText) as GraphSide);
      const result = await runImport(store, format, { paths, side, options, signal: controller.signal, onProgress: printer.update });
      printer.end();
      const counts = Object.entries(result.counts).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`);
      console.log(`imported into ${store.path} in ${result.seconds.toFixed(2)} s: ${counts.join(', ') || 'nothing new'}`);
      return 0;
    } catch (error) {
      printer.end();
      if (controller.signal.aborted && !(error instanceof AppError && error.code === 'CANCELLED')) {
        throw new AppError('CANCELLED', 'Import cancelled; the project is unchanged', { cause: error });
      }
      throw error;
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};
