import { AppError, badInput } from '../../../shared/errors';
import type { ImportContext, ImportFormat, ImportRecord } from '../../import-format';
import { fileSize, requireDir } from '../lib/files';
import { RecordBatch } from '../lib/record-batch';
import { readAttrFile, readTrainingAttrs } from './attributes';
import { readEntities, readImageIds, readRelations, readTriples } from './entities';
import { EntityTable } from './entity-table';
import { readGold } from './gold';
import { findLayoutFiles, layoutPaths } from './layout-files';
import { type NameTable, readNames } from './names';

/**
 * The DBP15K / MCLEA / MEAformer / PMF id layout: a folder of `ent_ids_1/2`, `triples_1/2`, gold and split files,
 * optional relation names, attribute files and image declarations. A translated-names JSON is used only when given
 * (role `names`), never picked up on its own.
 */
export const idLayoutFormat: ImportFormat = {
  id: 'id-layout',
  title: 'ID layout (DBP15K, MCLEA, MEAformer, PMF)',
  roles: [
    { role: 'dir', title: 'Dataset folder (ent_ids_1, ent_ids_2, triples_1, ...)', directory: true },
    { role: 'names', title: 'Translated names JSON ([[id, [tokens]], ...])', optional: true },
  ],
  async fingerprintFiles(ctx) {
    const files = await findLayoutFiles(await requireDir(ctx, 'dir'));
    const paths = layoutPaths(files);
    if (ctx.paths.names) paths.push(ctx.paths.names);
    return paths;
  },
  read: readIdLayout,
};

async function* readIdLayout(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const dir = await requireDir(ctx, 'dir');
  const files = await findLayoutFiles(dir);
  if (!files.ent1 || !files.ent2) {
    throw new AppError('BAD_INPUT', `not an id-layout folder: ${[files.ent1 ? '' : 'ent_ids_1', files.ent2 ? '' : 'ent_ids_2'].filter(Boolean).join(' and ')} missing`, { file: dir });
  }
  const paths = layoutPaths(files);
  let total = 0;
  for (const path of [...paths, ctx.paths.names].filter(Boolean)) total += (await fileSize(path)) ?? 0;
  const out = new RecordBatch(ctx, total);
  out.startPhase(`found ${files.found.join(', ')}${files.absent.length ? `; absent: ${files.absent.join(', ')}` : ''}`);

  let names: NameTable = { labels: new Map(), lines: new Map() };
  if (ctx.paths.names) {
    out.startPhase('reading names');
    names = await readNames(ctx.paths.names, ctx.signal);
    out.setFileBytes((await fileSize(ctx.paths.names)) ?? 0);
  }
  const relations = new Map<number, string>();
  yield* readRelations(files.rels, out, relations);

  const table = new EntityTable();
  yield* readEntities(files.ent1, 1, table, names.labels, out);
  yield* readEntities(files.ent2, 2, table, names.labels, out);
  for (const [id, line] of names.lines) {
    if (!table.get(id)) throw badInput(ctx.paths.names, line, `unknown entity id ${id} (in neither ent_ids file)`);
  }

  if (files.images1) yield* readImageIds(files.images1, 1, table, out);
  if (files.images2) yield* readImageIds(files.images2, 2, table, out);
  if (files.triples1) yield* readTriples(files.triples1, 1, table, relations, out);
  if (files.triples2) yield* readTriples(files.triples2, 2, table, relations, out);
  if (files.trainingAttrs1) yield* readTrainingAttrs(files.trainingAttrs1, 1, table, out);
  if (files.trainingAttrs2) yield* readTrainingAttrs(files.trainingAttrs2, 2, table, out);
  if (files.attr) yield* readAttrFile(files.attr, table, out);
  yield* readGold(files, table, out);
  out.startPhase('done');
  if (out.pending > 0) yield out.take();
}
