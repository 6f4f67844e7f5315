import type { Db } from '../project/db';
import { DEFAULT_IMAGE_ENCODER, createImageEncoder, encodeProjectImages, type EncodeImagesResult } from './encode-images';
import type { ImageEncoderChoice } from './image-encoder';

/** Entities that have images but no image vector yet. */
export function entitiesLackingImageFeatures(db: Db): number {
  return db.prepare(
    'SELECT count(DISTINCT i.entity) FROM image i WHERE NOT EXISTS (SELECT 1 FROM image_feature f WHERE f.entity = i.entity)',
  ).pluck().get() as number;
}

/**
 * The encoder to fill gaps with: the one the project's vectors already come from when the app can run it (so the
 * image matrix stays one encoder), the default when there are no vectors yet, and null when the existing vectors
 * were imported from an encoder the app does not have.
 */
export function encoderForGaps(db: Db): { choice: ImageEncoderChoice | null; existing: string | null } {
  const top = db.prepare('SELECT encoder FROM image_feature GROUP BY encoder ORDER BY count(*) DESC, encoder LIMIT 1').pluck().get() as string | undefined;
  if (top === undefined) return { choice: DEFAULT_IMAGE_ENCODER, existing: null };
  if (top === 'descriptor-v1') return { choice: 'descriptor', existing: top };
  if (top.startsWith('mobilenetv2-nsfwjs')) return { choice: 'mobilenet', existing: top };
  if (top.startsWith('custom:')) return { choice: { modelPath: top.slice('custom:'.length) }, existing: top };
  return { choice: null, existing: top };
}

/**
 * Encodes the images of entities that have none yet, so that a project whose images were imported as files trains
 * with its image modality without a separate step. Returns null when nothing was missing or nothing can be done.
 */
export async function fillMissingImageFeatures(
  db: Db,
  projectPath: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; log?: (message: string) => void } = {},
): Promise<EncodeImagesResult | null> {
  const lacking = entitiesLackingImageFeatures(db);
  if (lacking === 0) return null;
  const { choice, existing } = encoderForGaps(db);
  if (!choice) {
    options.log?.(`${lacking} entities with images have no image vector; the project's vectors come from ${existing}, which the app cannot compute: they train without images`);
    return null;
  }
  const encoder = await createImageEncoder(choice);
  try {
    return await encodeProjectImages(db, projectPath, encoder, { signal: options.signal, onProgress: options.onProgress });
  } finally {
    encoder.dispose();
  }
}
