import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { AppError, badInput } from '../../shared/errors';
import type { GraphSide } from '../../shared/model';
import type { ImportContext, ImportFormat, ImportRecord } from '../import-format';
import { requireDir, requireFile, requireSide, totalSize } from './lib/files';
import { requireIri } from './lib/iri';
import { readLineChunks } from './lib/line-reader';
import { RecordBatch } from './lib/record-batch';
import { isBlank } from './lib/tsv';

/** Longest side of a stored thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 160;
/** The relation from an image node to what it shows (foaf:depicts, the inverse of foaf:depiction). */
export const DEPICTS = 'http://xmlns.com/foaf/0.1/depicts';
// Decoding is CPU-bound in libvips threads; a few at once keeps both cores busy without flooding memory.
const CONCURRENCY = 4;
const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', svg: 'image/svg+xml', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif', heif: 'image/heif' };

/**
 * A folder of a curator's own images plus a mapping file `entity<TAB>relative/path.jpg` (or an http(s) URL).
 * Local images are decoded (JPEG, PNG, WebP, SVG, and whatever else sharp reads), measured and thumbnailed as WebP
 * (longest side 160 px); URLs are stored as sources without a thumbnail. With option `asNodes` each line is
 * `imageIRI<TAB>path[<TAB>depictedIRI]`: the image becomes an entity of kind image, linked by foaf:depicts.
 */
export const imageFilesFormat: ImportFormat = {
  id: 'image-files',
  title: 'Image files (a folder and a mapping file)',
  roles: [
    { role: 'dir', title: 'Image folder', directory: true },
    { role: 'mapping', title: 'Mapping file (entity<TAB>relative/path or URL)' },
  ],
  options: [{ name: 'asNodes', title: 'Images as entities: lines are imageIRI<TAB>path[<TAB>depicted entity]', type: 'boolean', default: false }],
  async fingerprintFiles(ctx) {
    // The mapping names the images; their bytes are part of what was imported too, but hashing every image twice
    // would double the import time, so the mapping file stands for them.
    return [await requireFile(ctx, 'mapping')];
  },
  read: readImageFiles,
};

interface Line {
  n: number;
  entity: string;
  target: string;
  depicted: string | null;
}

async function* readImageFiles(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const side = requireSide(ctx, 'An image import');
  const dir = resolve(await requireDir(ctx, 'dir'));
  const mapping = await requireFile(ctx, 'mapping');
  const asNodes = ctx.options.asNodes === true || ctx.options.asNodes === 'true';
  const out = new RecordBatch(ctx, await totalSize([mapping]));
  out.startPhase('decoding images');
  const inflight: Promise<ImportRecord[]>[] = [];
  for await (const chunk of readLineChunks(mapping)) {
    out.setFileBytes(chunk.bytesRead);
    for (let i = 0; i < chunk.lines.length; i++) {
      let line: Line | null;
      try {
        line = parseLine(chunk.lines[i], chunk.firstLine + i, mapping, asNodes, side, ctx);
      } catch (error) {
        // An image on an earlier line that fails to decode is the first bad line: report that one.
        for (const job of inflight) await job;
        throw error;
      }
      if (!line) continue;
      const job = recordsFor(line, dir, mapping, side, asNodes);
      // Failures surface in order when awaited below; this only stops Node calling them unhandled meanwhile.
      job.catch(() => undefined);
      inflight.push(job);
      if (inflight.length >= CONCURRENCY) {
        for (const record of await inflight.shift()!) out.push(record);
        if (out.full) yield out.take();
      }
    }
  }
  while (inflight.length > 0) {
    for (const record of await inflight.shift()!) out.push(record);
    if (out.full) yield out.take();
  }
  out.startPhase('done');
  if (out.pending > 0) yield out.take();
}

function parseLine(text: string, n: number, mapping: string, asNodes: boolean, side: GraphSide, ctx: ImportContext): Line | null {
  if (isBlank(text)) return null;
  const cols = text.split('\t');
  const allowed = asNodes ? '2 or 3' : '2';
  if (cols.length < 2 || cols.length > (asNodes ? 3 : 2)) {
    throw badInput(mapping, n, `expected ${allowed} tab-separated columns (${asNodes ? 'image IRI, path[, depicted entity]' : 'entity, path or URL'}), found ${cols.length}${cols.length < 2 ? ' (truncated line?)' : ''}`);
  }
  const entity = requireIri(cols[0], mapping, n);
  const target = cols[1].trim();
  if (target === '') throw badInput(mapping, n, 'empty image path');
  const depicted = cols.length === 3 && cols[2].trim() !== '' ? requireIri(cols[2], mapping, n) : null;
  // Images attach to entities the project has; a typo would otherwise create an orphan entity.
  const mustExist = asNodes ? depicted : entity;
  if (mustExist && ctx.lookupEntity && !ctx.lookupEntity(side, mustExist)) throw badInput(mapping, n, `unknown entity ${mustExist} in graph ${side}`);
  return { n, entity, target, depicted };
}

async function recordsFor(line: Line, dir: string, mapping: string, side: GraphSide, asNodes: boolean): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  if (asNodes) records.push({ type: 'entity', side, iri: line.entity, label: basename(line.target), kind: 'image' });
  if (/^https?:\/\//i.test(line.target)) {
    if (!URL.canParse(line.target)) throw badInput(mapping, line.n, `bad URL ${line.target}`);
    records.push({ type: 'image', side, entity: line.entity, source: line.target });
  } else {
    records.push(await decodeLocal(line, dir, mapping, side));
  }
  if (line.depicted) records.push({ type: 'relTriple', side, head: line.entity, rel: DEPICTS, tail: line.depicted });
  return records;
}

async function decodeLocal(line: Line, dir: string, mapping: string, side: GraphSide): Promise<ImportRecord> {
  const path = resolve(dir, line.target);
  if (isAbsolute(line.target) || !path.startsWith(dir + sep)) throw badInput(mapping, line.n, `image path ${line.target} leaves the image folder`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badInput(mapping, line.n, code === 'ENOENT' ? `image ${line.target} not found` : `image ${line.target} cannot be read (${code})`);
  }
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.format || !meta.width || !meta.height) throw new Error('no image size');
    const thumbnail = await sharp(bytes)
      .rotate() // honour EXIF orientation, as a viewer would
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      type: 'image', side, entity: line.entity, source: pathToFileURL(path).href,
      mime: MIME[meta.format] ?? `image/${meta.format}`, width: meta.width, height: meta.height, thumbnail: new Uint8Array(thumbnail),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badInput(mapping, line.n, `image ${line.target} does not decode: ${(error as Error).message}`);
  }
}
