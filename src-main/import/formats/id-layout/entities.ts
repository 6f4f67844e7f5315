import { badInput } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportRecord } from '../../import-format';
import { labelFromIri, requireIri as toIri } from '../lib/iri';
import { type RecordBatch } from '../lib/record-batch';
import { scanLines } from '../lib/scan';
import { columns, isBlank, parseId } from '../lib/tsv';
import { type EntityTable } from './entity-table';

/** Reads `ent_ids_<side>` (`id<TAB>URI`) into the table and yields entity records labelled from names or IRIs. */
export async function* readEntities(
  path: string, side: GraphSide, table: EntityTable, names: Map<number, string>, out: RecordBatch,
): AsyncGenerator<ImportRecord[]> {
  yield* scanLines(path, out, `reading ent_ids_${side}`, (line, n) => {
    if (isBlank(line)) return;
    const [idText, uri] = columns(line, 2, path, n, 'id, URI');
    const id = parseId(idText, path, n);
    const iri = toIri(uri, path, n);
    table.declare(id, side, iri, path, n);
    out.push({ type: 'entity', side, iri, label: names.get(id) ?? labelFromIri(iri) });
  });
}

/** Reads relation names (`id<TAB>URI`, one id space for both graphs) from every rel_ids file found. */
export async function* readRelations(paths: string[], out: RecordBatch, relations: Map<number, string>): AsyncGenerator<ImportRecord[]> {
  for (const path of paths) {
    yield* scanLines(path, out, `reading ${path.slice(path.lastIndexOf('/') + 1)}`, (line, n) => {
      if (isBlank(line)) return;
      const [idText, uri] = columns(line, 2, path, n, 'id, URI');
      const id = parseId(idText, path, n);
      const iri = toIri(uri, path, n);
      const seen = relations.get(id);
      if (seen !== undefined && seen !== iri) throw badInput(path, n, `relation id ${id} is declared twice (${seen} and ${iri})`);
      relations.set(id, iri);
    });
  }
}

/** Reads `triples_<side>` (`h<TAB>r<TAB>t` ids); repeats are kept because their counts are part of the data. */
export async function* readTriples(
  path: string, side: GraphSide, table: EntityTable, relations: Map<number, string>, out: RecordBatch,
): AsyncGenerator<ImportRecord[]> {
  const named = relations.size > 0;
  yield* scanLines(path, out, `reading triples_${side}`, (line, n) => {
    if (isBlank(line)) return;
    const [h, r, t] = columns(line, 3, path, n, 'head, relation, tail');
    const head = table.iriOn(parseId(h, path, n), side, path, n);
    const relId = parseId(r, path, n);
    const tail = table.iriOn(parseId(t, path, n), side, path, n);
    let rel = relations.get(relId);
    if (rel === undefined) {
      // Without any rel_ids file the ids are all we know; with one, a missing id means the files do not match.
      if (named) throw badInput(path, n, `unknown relation id ${relId} (not in the rel_ids files)`);
      rel = `urn:mmea:rel:${relId}`;
    }
    out.push({ type: 'relTriple', side, head, rel, tail });
  });
}

/** Reads `image_ids_<side>` (one entity id per line) and marks those entities as images. */
export async function* readImageIds(path: string, side: GraphSide, table: EntityTable, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  yield* scanLines(path, out, `reading image_ids_${side}`, (line, n) => {
    if (isBlank(line)) return;
    const iri = table.iriOn(parseId(line, path, n), side, path, n);
    out.push({ type: 'kind', side, iri, kind: 'image' });
  });
}
