import { badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportRecord } from '../../import-format';
import { requireIri } from '../lib/iri';
import { xsdTypeOrName } from '../lib/literal';
import { type RecordBatch } from '../lib/record-batch';
import { scanLines } from '../lib/scan';
import { isBlank } from '../lib/tsv';
import { type EntityTable } from './entity-table';

/**
 * Reads `training_attrs_<side>` (`URI<TAB>attr<TAB>attr...`): attribute names without values, one attrTriple
 * (value null) per column. A name repeated within a line is kept as often as it appears: OpenEA writes one column
 * per attribute triple it dropped the value of, so repeats are real counts (e.g. two foaf:name values).
 */
export async function* readTrainingAttrs(path: string, side: GraphSide, table: EntityTable, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  yield* scanLines(path, out, `reading training_attrs_${side}`, (line, n) => {
    if (isBlank(line)) return;
    const cols = line.split('\t');
    const entity = requireIri(cols[0], path, n);
    if (!table.hasIri(side, entity)) throw badInput(path, n, `unknown entity ${entity} (not in ent_ids_${side})`);
    for (let i = 1; i < cols.length; i++) {
      if (cols[i].trim() === '') continue;
      out.push({ type: 'attrTriple', side, entity, attr: requireIri(cols[i], path, n), value: null });
    }
  });
}

/**
 * Reads the MMKG-converted `attr` file: line n describes entity id n (both graphs), entries `attr|||value|||type`
 * joined by `^^^`, type optional, an empty line for none. Attribute names there are bare (e.g. `birthYear`) and are
 * kept as written; a type that names an XSD datatype (`gYear`, `date`, `integer`) becomes its XSD IRI, other types
 * (units such as `degrees`) are kept as written.
 */
export async function* readAttrFile(path: string, table: EntityTable, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  yield* scanLines(path, out, 'reading attr', (line, n) => {
    if (isBlank(line)) return;
    const id = n - 1;
    const entry = table.get(id);
    if (!entry) throw badInput(path, n, `unknown entity id ${id} (line n describes entity n-1 counting from 0)`);
    for (const item of line.split('^^^')) {
      const parts = item.split('|||');
      if (parts.length < 2 || parts.length > 3) throw badInput(path, n, `bad entry "${item}" (expected attr|||value or attr|||value|||type)`);
      const [attr, value, type] = parts;
      if (attr.trim() === '') throw badInput(path, n, `bad entry "${item}" (empty attribute name)`);
      const datatype = type === undefined || type === '' ? null : xsdTypeOrName(type);
      out.push({ type: 'attrTriple', side: entry.side, entity: entry.iri, attr: attr.trim(), value, datatype });
    }
  });
}
