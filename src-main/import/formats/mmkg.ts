import { AppError, badInput } from '../../shared/errors';
import type { GraphSide } from '../../shared/model';
import type { ImportContext, ImportFormat, ImportRecord } from '../import-format';
import { totalSize } from './lib/files';
import { requireIri } from './lib/iri';
import { XSD } from './lib/literal';
import { RecordBatch } from './lib/record-batch';
import { scanLines } from './lib/scan';
import { SeenEntities } from './lib/seen-entities';
import { columns, isBlank } from './lib/tsv';

const ROLES = ['triples_1', 'triples_2', 'sameas', 'numerical_1', 'numerical_2', 'images_1', 'images_2'] as const;
const SAME_AS = new Set(['<SameAs>', 'SameAs', '<http://www.w3.org/2002/07/owl#sameAs>']);
// Freebase, DBpedia and YAGO numbers: integers, decimals, exponents, an optional sign.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The raw MMKG release (FB15K, DB15K, YAGO15K): `*_EntityTriples.txt` (`<h> <r> <t> .`), `*_SameAsLink.txt`
 * (`/m/mid <SameAs> <uri> .`; option `sameasLeft` says which graph the first column belongs to, default 2 because
 * the converted benchmarks put FB15K second), `*_NumericalTriples.txt` (`entity<TAB><property><TAB>number`) and
 * `*_ImageIndex.txt` (`entity<TAB>IMGKEY`, stored as image source `mmkg:IMGKEY`: the pixels are not part of it).
 */
export const mmkgFormat: ImportFormat = {
  id: 'mmkg',
  title: 'MMKG release (FB15K / DB15K / YAGO15K text files)',
  roles: [
    { role: 'triples_1', title: 'Graph 1 *_EntityTriples.txt', optional: true },
    { role: 'triples_2', title: 'Graph 2 *_EntityTriples.txt', optional: true },
    { role: 'sameas', title: '*_SameAsLink.txt (gold links)', optional: true },
    { role: 'numerical_1', title: 'Graph 1 *_NumericalTriples.txt', optional: true },
    { role: 'numerical_2', title: 'Graph 2 *_NumericalTriples.txt', optional: true },
    { role: 'images_1', title: 'Graph 1 *_ImageIndex.txt', optional: true },
    { role: 'images_2', title: 'Graph 2 *_ImageIndex.txt', optional: true },
  ],
  options: [{ name: 'sameasLeft', title: 'The graph of the first column of the sameAs file', type: 'number', values: [1, 2], default: 2 }],
  async fingerprintFiles(ctx) {
    return givenFiles(ctx);
  },
  read: readMmkg,
};

function givenFiles(ctx: ImportContext): string[] {
  const files = ROLES.map((role) => ctx.paths[role]).filter((p): p is string => Boolean(p));
  if (files.length === 0) throw new AppError('BAD_INPUT', `MMKG import needs at least one of ${ROLES.join(', ')}`);
  return files;
}

async function* readMmkg(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const left = Number(ctx.options.sameasLeft ?? 2);
  if (left !== 1 && left !== 2) throw new AppError('BAD_INPUT', `option sameasLeft must be 1 or 2, got "${String(ctx.options.sameasLeft)}"`);
  const out = new RecordBatch(ctx, await totalSize(givenFiles(ctx)));
  const entities = new SeenEntities(out);
  const sides: GraphSide[] = [1, 2];
  for (const side of sides) {
    const path = ctx.paths[`triples_${side}`];
    if (path) yield* readEntityTriples(path, side, entities, out);
  }
  for (const side of sides) {
    const path = ctx.paths[`numerical_${side}`];
    if (!path) continue;
    yield* scanLines(path, out, `reading numerical_${side}`, (line, n) => {
      if (isBlank(line)) return;
      const [e, p, value] = columns(line, 3, path, n, 'entity, property, number');
      const entity = requireIri(e, path, n);
      if (!NUMBER.test(value.trim())) throw badInput(path, n, `"${value}" is not a number`);
      entities.see(side, entity);
      out.push({ type: 'attrTriple', side, entity, attr: requireIri(p, path, n), value: value.trim(), datatype: XSD.double });
    });
  }
  for (const side of sides) {
    const path = ctx.paths[`images_${side}`];
    if (!path) continue;
    yield* scanLines(path, out, `reading images_${side}`, (line, n) => {
      if (isBlank(line)) return;
      const [e, key] = columns(line, 2, path, n, 'entity, image key');
      if (!/^\S+$/.test(key.trim())) throw badInput(path, n, `bad image key "${key}"`);
      const entity = requireIri(e, path, n);
      entities.see(side, entity);
      out.push({ type: 'image', side, entity, source: `mmkg:${key.trim()}` });
    });
  }
  const sameas = ctx.paths.sameas;
  if (sameas) {
    const seen = new Set<string>();
    yield* scanLines(sameas, out, 'reading sameas', (line, n) => {
      if (isBlank(line)) return;
      const tokens = statement(line, sameas, n);
      if (!SAME_AS.has(tokens[1])) throw badInput(sameas, n, `expected <SameAs> as the middle term, found ${tokens[1]}`);
      const first = requireIri(tokens[0], sameas, n);
      const second = requireIri(tokens[2], sameas, n);
      const [l, r] = left === 1 ? [first, second] : [second, first];
      const key = `${l}\t${r}`;
      if (seen.has(key)) return;
      seen.add(key);
      entities.see(1, l);
      entities.see(2, r);
      out.push({ type: 'gold', left: l, right: r, split: 'unsplit' });
    });
  }
  out.startPhase('done');
  if (out.pending > 0) yield out.take();
}

async function* readEntityTriples(path: string, side: GraphSide, entities: SeenEntities, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  yield* scanLines(path, out, `reading triples_${side}`, (line, n) => {
    if (isBlank(line)) return;
    const [h, r, t] = statement(line, path, n);
    const head = requireIri(h, path, n);
    const tail = requireIri(t, path, n);
    entities.see(side, head);
    entities.see(side, tail);
    out.push({ type: 'relTriple', side, head, rel: requireIri(r, path, n), tail });
  });
}

/** The three terms of `a b c .` (the final dot optional; spaces or tabs between terms). */
function statement(line: string, path: string, n: number): string[] {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length === 4 && tokens[3] === '.') tokens.pop();
  if (tokens.length !== 3) throw badInput(path, n, `expected three terms and a final "." (h r t .), found ${tokens.length} terms${tokens.length < 3 ? ' (truncated line?)' : ''}`);
  return tokens;
}
