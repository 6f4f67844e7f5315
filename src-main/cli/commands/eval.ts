import { ProjectStore } from '../../project/project-store';
import { AppError } from '../../shared/errors';
import { numberOption, parseArgs } from '../args';
import type { CliCommand } from '../command';
import { evaluateRun } from '../../worker/evaluate-run';
import { metricsTable } from './metrics-table';
import { MODEL_IDS } from '../../shared/model-presets';

/** `mmea eval <project> [--run N] [--csls]`: ranking metrics of a stored run's embeddings. */
export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'H@1, H@10 and MRR of a training run on its test pairs and against all entities',
  help: [
    'usage: mmea eval <project> [--run N] [--csls | --no-csls] [--json]',
    '',
    "Ranks the test pairs of a finished run from its stored embeddings: the run's own seed and ratios give the same",
    'split as in training. Prints H@1, H@10 and MRR among the test pairs (the published protocol) and among every',
    'entity of the second graph except known partners (what a curator faces).',
    '  --run N       the run to evaluate (default: the newest finished run)',
    '  --csls        rank with CSLS (k = 3); --no-csls with plain cosine (default: as the run was trained)',
    '  --json        print the metrics as JSON',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { values: ['run'], flags: ['csls', 'no-csls', 'json'] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea eval <project> [--run N] [--csls]' });
    if (parsed.options.has('csls') && parsed.options.has('no-csls')) throw new AppError('BAD_INPUT', '--csls and --no-csls exclude each other');
    const runId = parsed.options.has('run') ? numberOption(parsed, 'run', 0, 1) : undefined;
    const csls = parsed.options.has('csls') ? true : parsed.options.has('no-csls') ? false : undefined;
    const store = ProjectStore.open(file);
    try {
      const result = evaluateRun(store.db, { runId, csls });
      if (parsed.options.has('json')) {
        console.log(JSON.stringify({ run: result.run.id, csls: result.csls, ...result.metrics, skipped: result.skipped }));
        return 0;
      }
      const r = result.run;
      console.log(`run ${r.id} (${r.options.model ?? MODEL_IDS[0]}, ${r.backend}, seed ${r.options.seed ?? 1}, best epoch ${r.bestEpoch ?? '-'}), ${result.csls ? 'CSLS k=3' : 'cosine'}`);
      console.log(metricsTable(result.metrics));
      if (result.skipped) console.log(`${result.skipped} test pairs skipped: their entities were imported after the run`);
      return 0;
    } finally {
      store.close();
    }
  },
};
