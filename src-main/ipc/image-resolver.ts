import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors';
import type { ProjectSession } from './session';

/** Image bytes and their media type, ready for a protocol or HTTP response. */
export interface ImageBytes {
  bytes: Uint8Array;
  mime: string;
}

/** Which bytes an image URL asks for: the stored thumbnail (default) or the original file. */
export type ImageSize = 'thumbnail' | 'original';

const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/** Parses the id part of an image URL: digits only, so nothing else (paths, SQL, "..") ever gets further. */
export function parseImageId(raw: string): number {
  if (!/^[0-9]{1,15}$/.test(raw)) throw new AppError('BAD_INPUT', `Not an image id: ${JSON.stringify(raw.slice(0, 40))}`);
  return Number(raw);
}

/**
 * The bytes behind an image URL, for both shells. Only images of the open project are reachable: the id must be
 * a row of its image table. The thumbnail comes from the project file; the original (or a row without
 * thumbnail) is read from disk only when it lies inside a folder an image import named, after resolving
 * symbolic links, and only for image file types.
 */
export async function resolveImage(session: ProjectSession, imageId: number, size: ImageSize): Promise<ImageBytes> {
  const project = session.require();
  const image = project.image(imageId);
  if (!image) throw new AppError('NOT_FOUND', `No image ${imageId} in the open project`);
  if (size === 'thumbnail' && image.thumbnail && image.thumbnail.length > 0) {
    return { bytes: image.thumbnail, mime: sniffMime(image.thumbnail) ?? image.mime ?? 'application/octet-stream' };
  }
  const path = await locateInside(project.imageRoots(), localPath(imageId, image.source));
  const mime = MIME_BY_EXTENSION[extname(path).toLowerCase()];
  if (!mime) throw new AppError('NOT_FOUND', `Image ${imageId} is not an image file type`);
  return { bytes: await readFile(path), mime };
}

/**
 * The file path an image source names: the image-files importer stores file: URLs; older or hand-made rows may
 * hold plain paths. Remote URLs and keys (mmkg:IMGKEY) are never fetched (the CSP forbids them anyway).
 */
export function localPath(imageId: number, source: string): string {
  if (/^file:/i.test(source)) {
    try {
      return fileURLToPath(source);
    } catch {
      throw new AppError('NOT_FOUND', `Image ${imageId} has an unreadable file URL`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) {
    throw new AppError('NOT_FOUND', `Image ${imageId} is not stored locally (${source.slice(0, 100)})`);
  }
  return source;
}

/** The real path of `source` if it lies inside one of `roots` (also after following symlinks); NOT_FOUND otherwise. */
export async function locateInside(roots: string[], source: string): Promise<string> {
  for (const root of roots) {
    const candidate = isAbsolute(source) ? resolve(source) : resolve(root, source);
    if (!isInside(root, candidate)) continue;
    let real: string;
    let realRoot: string;
    try {
      [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
    } catch {
      continue;
    }
    if (isInside(realRoot, real)) return real;
  }
  throw new AppError('NOT_FOUND', `The image file ${source} is not inside the project's image folders`);
}

/** True when `path` is `root` itself or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The media type of thumbnail bytes from their magic numbers (importers write PNG or WebP; JPEG also seen). */
export function sniffMime(bytes: Uint8Array): string | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 12 && bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
