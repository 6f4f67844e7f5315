import { badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportRecord } from '../../import-format';
import { requireIri } from '../lib/iri';
import { type RecordBatch } from '../lib/record-batch';
import { scanLines } from '../lib/scan';
import { isBlank } from '../lib/tsv';
import { type EntityLookup, l2Normalized, vectorProblem } from './vectors';

const SEPARATORS = /[\s,]+/;

/**
 * `entity<TAB>v1 v2 ...` (values split by spaces or commas) or `entity,v1,v2,...`. The first data line sets the
 * dimension; a header line is allowed on line 1 only when none of its value fields is a number.
 */
export async function* readTextVectors(path: string, side: GraphSide, lookup: EntityLookup, encoder: string, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  let dim = 0;
  const seen = new Map<string, number>();
  yield* scanLines(path, out, 'reading vectors', (line, n) => {
    if (isBlank(line)) return;
    const tab = line.indexOf('\t');
    const comma = line.indexOf(',');
    const cut = tab >= 0 ? tab : comma;
    if (cut < 0) throw badInput(path, n, 'expected entity<TAB>values or entity,values (truncated line?)');
    const fields = line.slice(cut + 1).trim().split(SEPARATORS).filter((f) => f !== '');
    if (n === 1 && fields.every((f) => Number.isNaN(Number(f)) && !/^nan$/i.test(f))) return;
    const iri = requireIri(unquote(line.slice(0, cut)), path, n);
    if (dim === 0) dim = fields.length;
    if (fields.length !== dim) throw badInput(path, n, `expected ${dim} values (as on the first line), found ${fields.length}`);
    const values = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      const x = Number(fields[i]);
      if (Number.isNaN(x) && !/^[+-]?nan$/i.test(fields[i])) throw badInput(path, n, `"${fields[i]}" is not a number (value ${i + 1})`);
      values[i] = x;
    }
    const problem = vectorProblem(values);
    if (problem) throw badInput(path, n, problem);
    if (!lookup(side, iri)) throw badInput(path, n, `unknown entity ${iri} in graph ${side}`);
    const before = seen.get(iri);
    if (before !== undefined) throw badInput(path, n, `entity ${iri} already has a vector (line ${before})`);
    seen.set(iri, n);
    out.push({ type: 'imageFeature', side, entity: iri, encoder, vector: l2Normalized(values) });
  });
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}
