import { ProjectStore } from '../../project/project-store';
import { AppError } from '../../shared/errors';
import { parseArgs, stringOption } from '../args';
import type { CliCommand } from '../command';
import type { ImageEncoderChoice } from '../../features/image-encoder';
import { ProgressRenderer } from './train-progress';

/** `mmea features <project> [--images descriptor|mobilenet|<model file>] [--overwrite]`. */
export const featuresCommand: CliCommand = {
  name: 'features',
  summary: 'compute relation/attribute bags, name n-grams and image features of a project',
  help: [
    'usage: mmea features <project> [--images <encoder>] [--overwrite]',
    '',
    'Brings the derived features up to date (recomputing only those whose inputs changed) and, with --images,',
    'encodes the images of every entity that has some. Training does this by itself with the default encoder;',
    'use this command to choose another one.',
    '  --images E    descriptor (default: colour, edge and layout descriptor, fast),',
    '                mobilenet (MobileNetV2 from the nsfwjs package, 1280-d),',
    "                or a model file of your own: a TF.js model.json or an .onnx file (needs onnxruntime-node)",
    '  --overwrite   also replace image vectors that were imported from a feature file',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { values: ['images'], flags: ['overwrite'] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea features <project> [--images <encoder>]' });
    const images = stringOption(parsed, 'images');
    const choice: ImageEncoderChoice | null = images === undefined ? null : images === 'descriptor' || images === 'mobilenet' ? images : { modelPath: images };
    const store = ProjectStore.open(file);
    const progress = new ProgressRenderer();
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.on('SIGINT', onSigint);
    try {
      const [{ loadProjectGraph }, { ensureFeatures }] = await Promise.all([import('../../features/project-graph'), import('../../features/feature-service')]);
      const { recomputed } = ensureFeatures(store.db, loadProjectGraph(store.db));
      console.log(recomputed.length ? `recomputed: ${recomputed.join(', ')}` : 'relation, attribute and name features are up to date');
      if (!choice) return 0;
      // TF.js only for the encoders that need it.
      if (choice !== 'descriptor') await (await import('../../model/backend')).selectBackend();
      const { createImageEncoder, encodeProjectImages } = await import('../../features/encode-images');
      const encoder = await createImageEncoder(choice);
      try {
        const result = await encodeProjectImages(store.db, store.path, encoder, {
          overwrite: parsed.options.has('overwrite'),
          signal: controller.signal,
          onProgress: (done, total) => progress.update({ kind: 'features', title: `Encoding images (${encoder.id})`, detail: `${done}/${total} entities`, value: total ? done / total : 1 }),
        });
        progress.finish();
        for (const problem of result.problems) console.error(`warning: ${problem}`);
        console.log(`${result.encoder} (${encoder.dim}-d): ${result.encoded} entities encoded, ${result.kept} kept, ${result.missing} without a readable image`);
      } finally {
        encoder.dispose();
      }
      return 0;
    } finally {
      progress.finish();
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};
