import type { GraphSide } from '../../../shared/model';
import type { ImportRecord } from '../../import-format';
import { assertUtf8, readWholeLines } from '../lib/line-reader';
import { type RecordBatch } from '../lib/record-batch';
import { parseLineWithN3 } from './n3-terms';
import { LineShape, NTriplesSpans, parseNTriplesBytes } from './ntriples-bytes';
import { parseNTriplesLine } from './ntriples-fast';
import { type RdfMapper } from './rdf-mapper';

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Maps an N-Triples file of graph `side` straight from its bytes: each line is parsed in place and its IRIs looked
 * up by their bytes (parseNTriplesBytes, RdfMapper.addSpans), so the common line costs no string per term. A line
 * the byte parser declines is decoded and goes the string way (the string fast path, then n3 for what that
 * declines), which judges it and names the line in its errors. Yields whenever `out` has a full batch.
 */
export async function* mapNTriples(path: string, side: GraphSide, mapper: RdfMapper, out: RecordBatch, blankScope: () => string): AsyncGenerator<ImportRecord[]> {
  const spans = new NTriplesSpans();
  let line = 1;
  for await (const chunk of readWholeLines(path)) {
    const bytes = chunk.bytes;
    assertUtf8(bytes, path, line);
    out.setFileBytes(chunk.bytesRead);
    const n = bytes.length;
    // As many lines as a split at '\n' gives: the chunk's last line ends at n.
    for (let start = 0; ; line++) {
      let stop = bytes.indexOf(NEWLINE, start);
      const last = stop < 0;
      if (last) stop = n;
      const next = stop + 1;
      if (stop > start && bytes[stop - 1] === CR) stop--;
      const shape = parseNTriplesBytes(bytes, start, stop, spans);
      if (shape === LineShape.Triple) mapper.addSpans(side, bytes, spans);
      else if (shape === LineShape.Declined) mapLine(bytes.toString('utf8', start, stop), line, path, side, mapper, blankScope);
      if (out.full) yield out.take();
      if (last) break;
      start = next;
    }
    line++;
  }
}

function mapLine(text: string, line: number, path: string, side: GraphSide, mapper: RdfMapper, blankScope: () => string): void {
  const terms = parseNTriplesLine(text);
  if (terms === null) return;
  if (terms) mapper.add(side, { s: terms[0], p: terms[1], o: terms[2], line }, blankScope);
  else for (const t of parseLineWithN3(text, path, line)) mapper.add(side, t, blankScope);
}
