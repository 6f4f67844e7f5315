import { MODEL_PRESETS } from '../../shared/model-presets';
import { AppError } from '../../shared/errors';
import { parseArgs } from '../args';
import type { CliCommand } from '../command';
import { modelsTable } from './model-table';

const HELP = [
  'usage: mmea models [--json]',
  '',
  'Lists the alignment models `mmea train --model <id>` accepts (and the training view offers): what each does',
  'differently and its measured cost on the reference benchmark ("not measured yet" until the ablation table has it).',
  '',
  '  --json   the same list as JSON (id, label, description, cost)',
].join('\n');

/** `mmea models`: the table of pickable models with their descriptions and measured cost. */
export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'list the alignment models train --model accepts, with what each does and its measured cost',
  help: HELP,
  run(args) {
    const parsed = parseArgs(args, { flags: ['json'] });
    if (parsed.positional.length) throw new AppError('BAD_INPUT', `mmea models takes no arguments (got '${parsed.positional[0]}')`);
    console.log(parsed.options.has('json') ? JSON.stringify(MODEL_PRESETS, null, 2) : modelsTable());
    return Promise.resolve(0);
  },
};
