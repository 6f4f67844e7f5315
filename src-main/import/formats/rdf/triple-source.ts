import { readLineChunks } from '../lib/line-reader';
import { newParser, fromN3, n3Error, parseLineWithN3, type RdfSyntax } from './n3-terms';
import { parseNTriplesLine } from './ntriples-fast';
import { type RdfTriple } from './terms';

/** A run of triples and how many bytes of the file have been read. */
export interface TripleChunk {
  triples: RdfTriple[];
  bytesRead: number;
}

/**
 * Streams the triples of an RDF file. N-Triples goes through the hand-written fast path line by line (n3 parses
 * only the lines the fast path declines); every other syntax goes through n3's push parser, fed the text our
 * strict UTF-8 line reader produced, so bad bytes are caught with their line and n3's line numbers stay ours.
 */
export async function* readTriples(path: string, syntax: RdfSyntax): AsyncGenerator<TripleChunk> {
  if (syntax === 'N-Triples') {
    for await (const chunk of readLineChunks(path)) {
      const triples: RdfTriple[] = [];
      const { lines, firstLine } = chunk;
      for (let i = 0; i < lines.length; i++) {
        const terms = parseNTriplesLine(lines[i]);
        if (terms === null) continue;
        if (terms) triples.push({ s: terms[0], p: terms[1], o: terms[2], line: firstLine + i });
        else for (const t of parseLineWithN3(lines[i], path, firstLine + i)) triples.push(t);
      }
      yield { triples, bytesRead: chunk.bytesRead };
    }
    return;
  }
  yield* readWithN3(path, syntax);
}

async function* readWithN3(path: string, syntax: RdfSyntax): AsyncGenerator<TripleChunk> {
  const parser = newParser(syntax);
  let onData: (text: string) => void = () => undefined;
  let onEnd: () => void = () => undefined;
  let failure: unknown = null;
  let triples: RdfTriple[] = [];
  // n3's lexer tracks the line it is on; reading it when a quad completes gives the line that ended the statement.
  const lexer = (parser as unknown as { _lexer?: { _line?: number } })._lexer;
  let fallbackLine = 1;
  parser.parse(
    {
      on: (event: string, callback: (arg?: string) => void) => {
        if (event === 'data') onData = callback as (text: string) => void;
        else if (event === 'end') onEnd = callback as () => void;
      },
    } as unknown as NodeJS.ReadableStream,
    (error, quad) => {
      if (error) failure ??= error;
      else if (quad) triples.push({ s: fromN3(quad.subject), p: fromN3(quad.predicate), o: fromN3(quad.object), line: lexer?._line ?? fallbackLine });
    },
  );
  let bytesRead = 0;
  for await (const chunk of readLineChunks(path)) {
    fallbackLine = chunk.firstLine;
    bytesRead = chunk.bytesRead;
    onData(chunk.lines.join('\n') + '\n');
    if (failure) throw n3Error(failure, path, 0);
    yield { triples, bytesRead };
    triples = [];
  }
  onEnd();
  if (failure) throw n3Error(failure, path, 0);
  if (triples.length > 0) yield { triples, bytesRead };
}
