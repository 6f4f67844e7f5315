import { basename, extname } from 'node:path';
import { AppError } from '../../shared/errors';
import { ProjectStore } from '../../project/project-store';
import { parseArgs, stringOption } from '../args';
import type { CliCommand } from '../command';

/** `mmea create <file> [--name <name>]`: a new, empty project file. */
export const createCommand: CliCommand = {
  name: 'create',
  summary: 'create a new, empty project file',
  help: [
    'usage: mmea create <file> [--name <name>]',
    '',
    'Creates a project file (SQLite) holding two empty graphs. It refuses to overwrite an existing file.',
    '  --name <name>   the project name shown in the app (default: the file name)',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { values: ['name'] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea create <file> [--name <name>]' });
    const name = stringOption(parsed, 'name') ?? basename(file, extname(file));
    const store = ProjectStore.create(file, name);
    try {
      console.log(`created ${store.path} ("${store.name}", schema ${store.info().schemaVersion})`);
    } finally {
      store.close();
    }
    return 0;
  },
};
