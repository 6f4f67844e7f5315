import { join } from 'node:path';
import { AppError, badInput } from '../../shared/errors';
import type { GoldSplit, GraphSide } from '../../shared/model';
import type { ImportContext, ImportFormat, ImportRecord } from '../import-format';
import { fileSize, requireDir, totalSize } from './lib/files';
import { requireIri } from './lib/iri';
import { forEachLine } from './lib/line-reader';
import { parseLiteral } from './lib/literal';
import { RecordBatch } from './lib/record-batch';
import { scanLines } from './lib/scan';
import { LABEL_PREDICATES, SeenEntities } from './lib/seen-entities';
import { columns, isBlank } from './lib/tsv';

const SPLITS: [string, GoldSplit][] = [['train_links', 'train'], ['valid_links', 'valid'], ['test_links', 'test']];

/**
 * A raw OpenEA release folder: `rel_triples_1/2` and `attr_triples_1/2` by URI, `ent_links`, and the 7:2:1 folds
 * `721_5fold/N/{train,valid,test}_links` (option `fold`, default 1). Entities are whatever the files mention; the
 * first label-like attribute (foaf:name, rdfs:label, ...) of an entity also becomes its label.
 */
export const openEaFormat: ImportFormat = {
  id: 'openea',
  title: 'OpenEA release (rel_triples, attr_triples, ent_links, folds)',
  roles: [{ role: 'dir', title: 'OpenEA dataset folder', directory: true }],
  options: [{ name: 'fold', title: 'Which 721_5fold fold gives the train/valid/test split', type: 'number', values: [1, 2, 3, 4, 5], default: 1 }],
  async fingerprintFiles(ctx) {
    const dir = await requireDir(ctx, 'dir');
    return (await openEaFiles(dir, ctx)).all;
  },
  read: readOpenEa,
};

async function openEaFiles(dir: string, ctx: ImportContext) {
  const at = async (...parts: string[]) => ((await fileSize(join(dir, ...parts))) === null ? null : join(dir, ...parts));
  const fold = String(ctx.options.fold ?? 1);
  if (!/^\d+$/.test(fold)) throw new AppError('BAD_INPUT', `option fold must be a fold number, got "${fold}"`);
  const folds: [string, GoldSplit][] = [];
  for (const [name, split] of SPLITS) {
    const path = await at('721_5fold', fold, name);
    if (path) folds.push([path, split]);
  }
  if (ctx.options.fold !== undefined && folds.length === 0) throw new AppError('BAD_INPUT', `fold ${fold} not found (no 721_5fold/${fold}/*_links)`, { file: dir });
  const files = {
    rel1: await at('rel_triples_1'), rel2: await at('rel_triples_2'),
    attr1: await at('attr_triples_1'), attr2: await at('attr_triples_2'),
    links: await at('ent_links'), folds,
  };
  const all = [files.rel1, files.rel2, files.attr1, files.attr2, files.links, ...folds.map(([p]) => p)].filter((p): p is string => p !== null);
  return { ...files, all };
}

async function* readOpenEa(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const dir = await requireDir(ctx, 'dir');
  const files = await openEaFiles(dir, ctx);
  if (!files.rel1 && !files.rel2) throw new AppError('BAD_INPUT', 'not an OpenEA folder: rel_triples_1 and rel_triples_2 missing', { file: dir });
  const out = new RecordBatch(ctx, await totalSize(files.all));
  const entities = new SeenEntities(out);
  const found = files.all.map((p) => p.slice(dir.length + 1));
  out.startPhase(`found ${found.join(', ')}`);

  for (const [path, side] of [[files.rel1, 1], [files.rel2, 2]] as const) {
    if (!path) continue;
    yield* scanLines(path, out, `reading rel_triples_${side}`, (line, n) => {
      if (isBlank(line)) return;
      const [h, r, t] = columns(line, 3, path, n, 'head URI, relation URI, tail URI');
      const head = requireIri(h, path, n);
      const tail = requireIri(t, path, n);
      entities.see(side, head);
      entities.see(side, tail);
      out.push({ type: 'relTriple', side, head, rel: requireIri(r, path, n), tail });
    });
  }
  for (const [path, side] of [[files.attr1, 1], [files.attr2, 2]] as const) {
    if (path) yield* readAttrTriples(path, side, entities, out);
  }

  const splits = new Map<string, { split: GoldSplit; path: string; line: number }>();
  for (const [path, split] of files.folds) {
    out.startPhase(`reading ${path.slice(dir.length + 1)}`);
    await forEachLine(path, (line, n) => {
      if (isBlank(line)) return;
      const [a, b] = columns(line, 2, path, n, 'URI of graph 1, URI of graph 2');
      splits.set(`${requireIri(a, path, n)}\t${requireIri(b, path, n)}`, { split, path, line: n });
    }, (bytes) => out.setFileBytes(bytes));
  }
  if (files.links) {
    const path = files.links;
    const seen = new Set<string>();
    yield* scanLines(path, out, 'reading ent_links', (line, n) => {
      if (isBlank(line)) return;
      const [a, b] = columns(line, 2, path, n, 'URI of graph 1, URI of graph 2');
      const left = requireIri(a, path, n);
      const right = requireIri(b, path, n);
      const key = `${left}\t${right}`;
      if (seen.has(key)) return;
      seen.add(key);
      entities.see(1, left);
      entities.see(2, right);
      out.push({ type: 'gold', left, right, split: splits.get(key)?.split ?? 'unsplit' });
    });
    // A fold pair that ent_links lacks would silently vanish: name it instead.
    for (const [key, where] of splits) {
      if (!seen.has(key)) throw badInput(where.path, where.line, `link ${key.replace('\t', ' -> ')} is not in ent_links`);
    }
  }
  out.startPhase('done');
  if (out.pending > 0) yield out.take();
}

/** `URI<TAB>attribute URI<TAB>literal`; a literal containing tabs keeps them. */
async function* readAttrTriples(path: string, side: GraphSide, entities: SeenEntities, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  const labelled = new Set<string>();
  yield* scanLines(path, out, `reading attr_triples_${side}`, (line, n) => {
    if (isBlank(line)) return;
    const cols = line.split('\t');
    if (cols.length < 3) throw badInput(path, n, `expected 3 tab-separated columns (entity URI, attribute URI, literal), found ${cols.length} (truncated line?)`);
    const entity = requireIri(cols[0], path, n);
    const attr = requireIri(cols[1], path, n);
    const { value, datatype, lang } = parseLiteral(cols.length === 3 ? cols[2] : cols.slice(2).join('\t'));
    entities.see(side, entity);
    out.push({ type: 'attrTriple', side, entity, attr, value, datatype, lang });
    if (LABEL_PREDICATES.has(attr) && !labelled.has(entity) && value.trim() !== '') {
      labelled.add(entity);
      out.push({ type: 'label', side, iri: entity, label: value.trim() });
    }
  });
}
