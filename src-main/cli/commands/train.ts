import { ProjectStore } from '../../project/project-store';
import type { LateShares } from '../../model/trainer/types';
import type { TrainingOptions } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { DEFAULT_MODEL } from '../../shared/model-presets';
import { type ParsedArgs, numberOption, parseArgs, stringOption } from '../args';
import type { CliCommand } from '../command';
import { metricsTable } from './metrics-table';
import { modelHelpLines, modelsTable, parseModelId } from './model-table';
import { ProgressRenderer, formatDuration } from './train-progress';

const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

const HELP = [
  'usage: mmea train <project> [options]',
  '',
  'Trains the alignment model on the project in this process (the same code the app runs in its worker), with a',
  'progress bar on stderr. Ctrl-C cancels cleanly after the current batch (the run is marked cancelled and no',
  'embeddings are written); a second Ctrl-C quits at once. Defaults are benchmark-comparable: no names, no',
  "curators' decisions, plain cosine; the flags below switch them on.",
  '',
  `  --model ID          the alignment model (default ${DEFAULT_MODEL}); its settings come first, the flags below`,
  '                      override them. `mmea models` (or --list-models) shows the table with measured costs:',
  ...modelHelpLines(24),
  '  --list-models       print the models with their descriptions and cost, then exit',
  '  --epochs N          training epochs (default 200)',
  '  --lr X              learning rate',
  '  --batch-size N      seed pairs per batch',
  '  --dim N             embedding width per modality',
  '  --gat-layers N      graph attention layers (0-4)',
  '  --fusion F          low-rank | concat | beta (MIMEA) | transformer (MEAformer)',
  '  --seed N            seed of the split, initialisation and batches (default 1)',
  '  --train-ratio X     share of unsplit gold pairs used for training (default 0.3)',
  '  --valid-ratio X     share of the training pairs held out for model selection (default 0.1)',
  '  --no-freezing       no progressive modality freezing',
  '  --no-association    no cross-modality association loss',
  '  --no-reflection     plain graph attention instead of relation reflection',
  '  --no-adaptive       one global weight per modality instead of per-entity weights',
  '  --iterative         iterative training with mutual-nearest pseudo-seeds',
  '  --names             use entity names (hashed character n-grams)',
  '  --no-images         leave image features out',
  '  --no-attributes     leave attribute features out',
  '  --use-decisions     accepted links as seeds, rejected ones as hard negatives',
  '  --csls              CSLS (k = 3) for validation and test ranking',
  '  --backend B         force a TF.js backend: tensorflow-gpu | tensorflow | wasm | cpu',
].join('\n');

const FUSIONS = ['low-rank', 'concat', 'beta', 'transformer'] as const;
const isFusion = (s: string): s is (typeof FUSIONS)[number] => (FUSIONS as readonly string[]).includes(s);

/** The curator's options from the command line (only those given; the model's defaults fill the rest). */
export function trainingOptionsFromArgs(parsed: ParsedArgs): TrainingOptions {
  const o: TrainingOptions = { useNames: false, useDecisions: false, csls: false };
  // Always recorded, so the run list names the model of a CLI run too.
  const model = stringOption(parsed, 'model');
  o.model = model === undefined ? DEFAULT_MODEL : parseModelId(model);
  const set = <K extends keyof TrainingOptions>(key: K, value: TrainingOptions[K] | undefined): void => {
    if (value !== undefined) o[key] = value;
  };
  const num = (key: string, min: number, max: number, integer = false): number | undefined => {
    if (!parsed.options.has(key)) return undefined;
    const v = numberOption(parsed, key, 0, min, max);
    if (integer && !Number.isInteger(v)) throw new AppError('BAD_INPUT', `--${key} must be a whole number`);
    return v;
  };
  set('epochs', num('epochs', 1, 100_000, true));
  set('learningRate', num('lr', 1e-7, 1));
  set('batchSize', num('batch-size', 2, 1_000_000, true));
  set('dim', num('dim', 4, 2048, true));
  set('gatLayers', num('gat-layers', 0, 4, true));
  set('seed', num('seed', 0, 2 ** 31 - 1, true));
  set('trainRatio', num('train-ratio', 0.001, 1));
  set('validRatio', num('valid-ratio', 0, 0.99));
  const fusion = stringOption(parsed, 'fusion');
  if (fusion !== undefined && !isFusion(fusion)) throw new AppError('BAD_INPUT', `--fusion must be one of ${FUSIONS.join(', ')}`);
  set('fusion', fusion);
  const flag = (name: string): boolean => parsed.options.has(name);
  if (flag('no-freezing')) o.freezing = false;
  if (flag('no-association')) o.associationLoss = false;
  if (flag('no-reflection')) o.reflection = false;
  if (flag('no-adaptive')) o.adaptiveWeights = false;
  if (flag('iterative')) o.iterative = true;
  if (flag('names')) o.useNames = true;
  if (flag('no-images')) o.useImages = false;
  if (flag('no-attributes')) o.useAttributes = false;
  if (flag('use-decisions')) o.useDecisions = true;
  if (flag('csls')) o.csls = true;
  return o;
}

/** `mmea train <project>`: one training run in this process, with progress and a clean Ctrl-C. */
export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train the alignment model on a project (progress on stderr, Ctrl-C cancels)',
  help: HELP,
  async run(args) {
    const parsed = parseArgs(args, {
      values: ['model', 'epochs', 'lr', 'batch-size', 'dim', 'gat-layers', 'fusion', 'seed', 'train-ratio', 'valid-ratio', 'backend'],
      flags: ['list-models', 'no-freezing', 'no-association', 'no-reflection', 'no-adaptive', 'iterative', 'names', 'no-images', 'no-attributes', 'use-decisions', 'csls'],
    });
    if (parsed.options.has('list-models')) {
      console.log(modelsTable());
      return 0;
    }
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea train <project> [options]' });
    const options = trainingOptionsFromArgs(parsed);
    const backend = stringOption(parsed, 'backend');
    if (backend !== undefined && !(BACKENDS as readonly string[]).includes(backend)) throw new AppError('BAD_INPUT', `--backend must be one of ${BACKENDS.join(', ')}`);

    // TF.js is loaded only here, by this command, never by the others.
    const [{ selectBackend }, { runTraining }] = await Promise.all([import('../../model/backend'), import('../../worker/training-run')]);
    const store = ProjectStore.open(file);
    const progress = new ProgressRenderer();
    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = (): void => {
      interrupts++;
      if (interrupts === 1) {
        progress.message('mmea train: cancelling after the current batch (Ctrl-C again to quit at once)');
        controller.abort();
      } else {
        process.exit(130);
      }
    };
    process.on('SIGINT', onSigint);
    try {
      const chosen = await selectBackend(backend as (typeof BACKENDS)[number] | undefined);
      const outcome = await runTraining(store.db, options, {
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
        log: (level, message) => progress.message(`${level === 'info' ? '' : `${level}: `}${message}`),
      });
      progress.finish();
      if (outcome.status === 'cancelled') {
        console.error(`run ${outcome.runId} cancelled after ${formatDuration(outcome.seconds)}; the project is unchanged apart from the run record`);
        return 130;
      }
      const valid = outcome.valid ? ` (valid H@1 ${outcome.valid.hits1.toFixed(3)}, MRR ${outcome.valid.mrr.toFixed(3)})` : '';
      console.log(`run ${outcome.runId} (${options.model}) done in ${formatDuration(outcome.seconds)} on ${chosen.name}, best epoch ${outcome.bestEpoch ?? '-'}${valid}`);
      const shares = fusionText(outcome.fusion);
      if (shares) console.log(shares);
      if (outcome.test) console.log(metricsTable(outcome.test));
      else console.log('no test pairs: every gold pair was used for training or validation');
      return 0;
    } finally {
      progress.finish();
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};

/** The late-fusion shares in words, e.g. "late fusion: learned 59%, propagated seed labels 41%"; '' when nothing was fused. */
export function fusionText(fusion: LateShares | undefined): string {
  if (!fusion || (fusion.propagation === null && fusion.names === null && fusion.attributes === null)) return '';
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  const learned = 1 - (fusion.propagation ?? 0) - (fusion.names ?? 0) - (fusion.attributes ?? 0);
  const parts = [`learned ${pct(learned)}`];
  if (fusion.propagation !== null) parts.push(`propagated seed labels ${pct(fusion.propagation)}`);
  if (fusion.names !== null) parts.push(`names ${pct(fusion.names)}`);
  if (fusion.attributes !== null) parts.push(`attributes ${pct(fusion.attributes)}`);
  return `late fusion (shares picked on validation): ${parts.join(', ')}`;
}
