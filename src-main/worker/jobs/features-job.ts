import { DEFAULT_IMAGE_ENCODER, createImageEncoder, encodeProjectImages, type EncodeImagesResult } from '../../features/encode-images';
import { ensureFeatures, type BagModality } from '../../features/feature-service';
import type { ImageEncoderChoice } from '../../features/image-encoder';
import { loadProjectGraph } from '../../features/project-graph';
import { AppError } from '../../shared/errors';
import { type WorkerJobRunner, requireString } from '../job-registry';

/** Payload of the 'features' job. */
export interface FeaturesJobPayload {
  projectPath: string;
  /** Also (re)compute image features with this encoder; omitted = bags and names only. */
  images?: { encoder?: ImageEncoderChoice; overwrite?: boolean };
}

/** Result of the 'features' job. */
export interface FeaturesJobResult {
  recomputed: BagModality[];
  images: EncodeImagesResult | null;
}

function parseEncoder(value: unknown): ImageEncoderChoice {
  if (value === undefined) return DEFAULT_IMAGE_ENCODER;
  if (value === 'descriptor' || value === 'mobilenet') return value;
  if (value && typeof value === 'object' && typeof (value as { modelPath?: unknown }).modelPath === 'string') {
    return { modelPath: (value as { modelPath: string }).modelPath };
  }
  throw new AppError('BAD_INPUT', `unknown image encoder ${JSON.stringify(value)}: use 'descriptor', 'mobilenet' or { modelPath }`);
}

/**
 * 'features': brings the project's derived features up to date (relation/attribute bags and name n-grams, only
 * where their inputs changed) and optionally encodes the images, with progress and cancel between images.
 */
export const featuresJob: WorkerJobRunner<FeaturesJobPayload, FeaturesJobResult> = {
  type: 'features',
  parse(payload) {
    const projectPath = requireString(payload, 'projectPath');
    const images = (payload as { images?: { encoder?: unknown; overwrite?: unknown } }).images;
    return { projectPath, images: images ? { encoder: parseEncoder(images.encoder), overwrite: images.overwrite === true } : undefined };
  },
  async run(payload, ctx) {
    const title = 'Computing features';
    const db = ctx.openProject(payload.projectPath);
    ctx.progress({ kind: 'features', title, detail: 'relation and attribute bags, names', value: null });
    const graph = loadProjectGraph(db);
    const { recomputed } = ensureFeatures(db, graph);
    if (!payload.images) {
      ctx.progress({ kind: 'features', title, value: 1 });
      return { recomputed, images: null };
    }
    const encoder = await createImageEncoder(payload.images.encoder ?? DEFAULT_IMAGE_ENCODER);
    try {
      ctx.log('info', `encoding images with ${encoder.id} (${encoder.dim}-d)`);
      const images = await encodeProjectImages(db, payload.projectPath, encoder, {
        overwrite: payload.images.overwrite,
        signal: ctx.signal,
        onProgress: (done, total) => ctx.progress({ kind: 'features', title: 'Encoding images', detail: `${done}/${total} entities`, value: total ? done / total : 1 }),
      });
      for (const problem of images.problems) ctx.log('warn', problem);
      return { recomputed, images };
    } finally {
      encoder.dispose();
    }
  },
};
