import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../project/db';
import { blobOf } from '../project/repositories/embeddings';
import { AppError } from '../shared/errors';
import { CustomModelEncoder } from './custom-model-encoder';
import { DescriptorEncoder } from './image-descriptor';
import { type ImageEncoder, type ImageEncoderChoice, l2NormaliseInPlace } from './image-encoder';
import { MobileNetEncoder } from './mobilenet-encoder';

/**
 * The default encoder. Measured on the demo's flags (255 countries, flag-icons SVG 4:3 vs svg-country-flags PNG
 * 3:2, nearest-neighbour of each SVG among all PNGs): descriptor H@1 0.925 / MRR 0.952 at 8 ms per image;
 * nsfwjs MobileNetV2 penultimate layer H@1 0.737 / MRR 0.787 at 105 ms per image (wasm).
 */
export const DEFAULT_IMAGE_ENCODER: ImageEncoderChoice = 'descriptor';

/** Creates (and loads) the chosen encoder; TF.js-based ones need a backend already selected. */
export async function createImageEncoder(choice: ImageEncoderChoice): Promise<ImageEncoder> {
  if (choice === 'descriptor') return new DescriptorEncoder();
  if (choice === 'mobilenet') return MobileNetEncoder.load();
  return CustomModelEncoder.load(choice.modelPath);
}

/** Encoder ids the app computes itself; any other id in image_feature came from an imported feature file. */
function isComputed(encoder: string): boolean {
  return encoder === 'descriptor-v1' || encoder.startsWith('mobilenetv2-nsfwjs') || encoder.startsWith('custom:');
}

/** What an image-encoding pass did, per entity. */
export interface EncodeImagesResult {
  encoder: string;
  /** Entities that received a vector. */
  encoded: number;
  /** Entities skipped because they already had a vector from this encoder or an imported one. */
  kept: number;
  /** Entities none of whose images could be read (URL, missing file, undecodable): left without a vector. */
  missing: number;
  /** The first few reasons for missing images, for the log. */
  problems: string[];
}

/** Where an image's bytes are: its file (absolute, file: URL, or relative to the project) or its stored thumbnail. */
function imageBytes(source: string, thumbnail: Buffer | null, projectDir: string): Buffer {
  if (/^https?:\/\//i.test(source)) {
    if (thumbnail) return thumbnail;
    throw new Error(`${source}: remote images are not downloaded`);
  }
  const path = source.startsWith('file:') ? fileURLToPath(source) : isAbsolute(source) ? source : resolve(projectDir, source);
  if (existsSync(path)) return readFileSync(path);
  if (thumbnail) return thumbnail;
  throw new Error(`${path}: no such file`);
}

/**
 * Computes image features for every entity with images: each image encoded, the entity's vector the L2-normalised
 * mean. Vectors are written per batch of entities in one transaction, so a cancel leaves whole entities only.
 * Existing vectors from the same encoder, and imported vectors (unless `overwrite`), are kept.
 */
export async function encodeProjectImages(
  db: Db,
  projectPath: string,
  encoder: ImageEncoder,
  options: { overwrite?: boolean; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<EncodeImagesResult> {
  const images = db.prepare('SELECT id, entity, source, thumbnail FROM image ORDER BY entity, id').all() as {
    id: number; entity: number; source: string; thumbnail: Buffer | null;
  }[];
  const existing = new Map((db.prepare('SELECT entity, encoder FROM image_feature').raw().all() as [number, string][]));
  const byEntity = new Map<number, typeof images>();
  for (const image of images) {
    const list = byEntity.get(image.entity) ?? [];
    list.push(image);
    byEntity.set(image.entity, list);
  }
  const writeFeature = db.prepare('INSERT OR REPLACE INTO image_feature (entity, encoder, dim, vector) VALUES (?, ?, ?, ?)');
  const writeImage = db.prepare('UPDATE image SET feature = ? WHERE id = ?');
  const projectDir = dirname(resolve(projectPath));
  const result: EncodeImagesResult = { encoder: encoder.id, encoded: 0, kept: 0, missing: 0, problems: [] };
  const pending: { entity: number; vector: Float32Array; images: [number, Float32Array][] }[] = [];
  const flush = db.transaction(() => {
    for (const p of pending) {
      writeFeature.run(p.entity, encoder.id, encoder.dim, blobOf(p.vector));
      for (const [id, v] of p.images) writeImage.run(blobOf(v), id);
    }
    pending.length = 0;
  });
  let done = 0;
  const total = byEntity.size;
  for (const [entity, list] of byEntity) {
    if (options.signal?.aborted) {
      flush();
      throw new AppError('CANCELLED', 'image encoding cancelled');
    }
    done++;
    const current = existing.get(entity);
    if (current !== undefined && (current === encoder.id || (!isComputed(current) && !options.overwrite))) {
      result.kept++;
      continue;
    }
    const mean = new Float32Array(encoder.dim);
    const encodedImages: [number, Float32Array][] = [];
    for (const image of list) {
      try {
        const v = await encoder.encode(imageBytes(image.source, image.thumbnail, projectDir));
        for (let j = 0; j < mean.length; j++) mean[j] += v[j];
        encodedImages.push([image.id, v]);
      } catch (error) {
        if (result.problems.length < 10) result.problems.push(`${image.source}: ${(error as Error).message}`);
      }
    }
    if (encodedImages.length === 0) {
      result.missing++;
      continue;
    }
    pending.push({ entity, vector: l2NormaliseInPlace(mean), images: encodedImages });
    result.encoded++;
    if (pending.length >= 64) flush();
    if (done < total) options.onProgress?.(done, total);
  }
  flush();
  options.onProgress?.(total, total);
  return result;
}
