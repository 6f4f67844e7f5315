import { AppError } from '../../shared/errors';
import { DEMO_VARIANTS, type DemoVariant } from '../../demo/demo-resources';
import { demoProjectPath, ensureDemoProjectAt, type DemoBuildProgress } from '../../demo/demo-project';
import { parseArgs, stringOption } from '../args';
import type { CliCommand } from '../command';

function variantOf(raw: string | undefined): DemoVariant {
  if (raw === undefined) return 'attributes';
  if ((DEMO_VARIANTS as readonly string[]).includes(raw)) return raw as DemoVariant;
  throw new AppError('BAD_INPUT', `unknown demo variant '${raw}'`, { hint: `variants: ${DEMO_VARIANTS.join(', ')}` });
}

function printStep(progress: DemoBuildProgress): void {
  if (!progress.info) process.stderr.write(`demo: step ${progress.step}/${progress.steps}: ${progress.title}\n`);
}

/** `mmea demo [--variant attributes|image-nodes] [--out file]`: builds (or reuses) the built-in demo project. */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'build the built-in demo project (countries and flags) and print its path',
  help: [
    'usage: mmea demo [--variant attributes|image-nodes] [--out <file>]',
    '',
    'Builds the demo project from the app\'s resources/demo through the regular importers, unless the file',
    'exists and was built from the same sources. Prints the project\'s path; `mmea info <path>` shows its counts.',
    '  --variant   attributes (default): flags attached to countries in both graphs;',
    '              image-nodes: in graph 2, each flag is an image entity of its own (foaf:depicts its country),',
    '              with text-image gold from graph-1 countries to those flags',
    '  --out       the project file (default: ./demo-<variant>.mmea)',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { values: ['variant', 'out'] });
    if (parsed.positional.length > 0) throw new AppError('BAD_INPUT', `unexpected argument '${parsed.positional[0]}'`, { hint: 'usage: mmea demo [--variant attributes|image-nodes] [--out <file>]' });
    const variant = variantOf(stringOption(parsed, 'variant'));
    const out = stringOption(parsed, 'out') ?? demoProjectPath(process.cwd(), variant);
    const started = performance.now();
    const path = await ensureDemoProjectAt(out, variant, { onProgress: printStep });
    process.stderr.write(`demo: ${path} ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    console.log(path);
    return 0;
  },
};
