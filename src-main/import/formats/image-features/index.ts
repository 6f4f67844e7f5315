import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError, badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportContext, ImportFormat, ImportRecord } from '../../import-format';
import { requireFile, requireSide, totalSize } from '../lib/files';
import { requireIri } from '../lib/iri';
import { forEachLine, ioError } from '../lib/line-reader';
import { RecordBatch } from '../lib/record-batch';
import { isBlank } from '../lib/tsv';
import { readNpyHeader } from './npy';
import { readTextVectors } from './text-vectors';
import { type EntityLookup, l2Normalized, vectorProblem } from './vectors';

/**
 * Precomputed image feature vectors for one graph: a `.npy` matrix (float32/float64, 2-D, C order) whose rows
 * follow an id list (role `ids`: `IRI` or `id<TAB>IRI` per line), or a TSV/CSV file (`entity<TAB>v1 v2 ...` or
 * `entity,v1,v2,...`). Vectors are L2-normalised; the encoder is recorded as `file:<basename>`.
 */
export const imageFeaturesFormat: ImportFormat = {
  id: 'image-features',
  title: 'Image feature vectors (.npy with an id list, or TSV/CSV)',
  roles: [
    { role: 'file', title: 'Feature file (.npy, .tsv, .csv, .txt)' },
    { role: 'ids', title: 'Row ids for a .npy file (one entity per line)', optional: true },
  ],
  async fingerprintFiles(ctx) {
    return [ctx.paths.file, ctx.paths.ids].filter((p): p is string => Boolean(p));
  },
  read: readImageFeatures,
};

async function* readImageFeatures(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const side = requireSide(ctx, 'An image feature file');
  const file = await requireFile(ctx, 'file');
  const lookup = ctx.lookupEntity;
  if (!lookup) throw new AppError('INTERNAL', 'image features need lookupEntity: they attach to entities the project already has');
  const encoder = `file:${basename(file)}`;
  const out = new RecordBatch(ctx, await totalSize([file, ctx.paths.ids].filter(Boolean)));
  if (extname(file).toLowerCase() === '.npy') {
    if (!ctx.paths.ids) throw new AppError('BAD_INPUT', 'a .npy feature file needs its row ids (role "ids": one entity per line)', { file });
    yield* readNpy(file, await requireFile(ctx, 'ids'), side, lookup, encoder, out);
  } else {
    yield* readTextVectors(file, side, lookup, encoder, out);
  }
  out.startPhase('done');
  if (out.pending > 0) yield out.take();
}

async function* readNpy(file: string, idsPath: string, side: GraphSide, lookup: EntityLookup, encoder: string, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  const header = await readNpyHeader(file);
  out.startPhase('reading ids');
  const ids = await readIds(idsPath, side, lookup, (bytes) => out.setFileBytes(bytes));
  if (ids.length !== header.rows) {
    throw badInput(idsPath, undefined, `${ids.length} ids for a matrix of ${header.rows} rows (${basename(file)}): every row needs exactly one entity`);
  }
  out.startPhase(`reading ${basename(file)} (${header.rows} x ${header.cols}, float${header.itemSize * 8})`);
  const rowBytes = header.cols * header.itemSize;
  let row = 0;
  let carry = Buffer.alloc(0);
  const end = header.dataOffset + header.rows * rowBytes - 1;
  if (header.rows === 0) return;
  try {
    for await (const piece of createReadStream(file, { start: header.dataOffset, end, highWaterMark: Math.max(1 << 20, rowBytes) })) {
      const data = carry.length > 0 ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
      const whole = Math.floor(data.length / rowBytes);
      // One aligned copy per chunk so the typed-array views below need no per-value reads.
      const aligned = new Uint8Array(whole * rowBytes);
      aligned.set(data.subarray(0, whole * rowBytes));
      for (let r = 0; r < whole; r++, row++) {
        const start = r * rowBytes;
        const values = header.itemSize === 4
          ? new Float32Array(aligned.buffer, start, header.cols)
          : new Float64Array(aligned.buffer, start, header.cols);
        const problem = vectorProblem(values);
        if (problem) throw badInput(file, undefined, `row ${row + 1} (${ids[row].iri}, line ${ids[row].line} of ${basename(idsPath)}): ${problem}`);
        out.push({ type: 'imageFeature', side, entity: ids[row].iri, encoder, vector: l2Normalized(values) });
        if (out.full) {
          out.setFileBytes(header.dataOffset + (row + 1) * rowBytes);
          yield out.take();
        }
      }
      carry = Buffer.from(data.subarray(whole * rowBytes));
    }
  } catch (error) {
    throw ioError(file, error);
  }
  out.setFileBytes(header.dataOffset + header.rows * rowBytes);
}

async function readIds(path: string, side: GraphSide, lookup: EntityLookup, onBytes: (bytes: number) => void): Promise<{ iri: string; line: number }[]> {
  const ids: { iri: string; line: number }[] = [];
  const seen = new Map<string, number>();
  let blankLine = 0;
  await forEachLine(path, (line, n) => {
    if (isBlank(line)) {
      blankLine ||= n;
      return;
    }
    // A blank line between ids would shift every later row onto the wrong entity.
    if (blankLine) throw badInput(path, blankLine, 'empty line between ids (every matrix row needs its entity)');
    const cols = line.split('\t');
    if (cols.length > 2) throw badInput(path, n, `expected IRI or id<TAB>IRI, found ${cols.length} columns`);
    const iri = requireIri(cols[cols.length - 1], path, n);
    if (!lookup(side, iri)) throw badInput(path, n, `unknown entity ${iri} in graph ${side}`);
    const before = seen.get(iri);
    if (before !== undefined) throw badInput(path, n, `entity ${iri} is listed twice (also line ${before})`);
    seen.set(iri, n);
    ids.push({ iri, line: n });
  }, onBytes);
  return ids;
}
