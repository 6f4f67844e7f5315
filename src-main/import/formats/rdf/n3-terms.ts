import { DataFactory, Parser, type Quad, type Term } from 'n3';
import { badInput } from '../../../shared/errors';
import { BLANK, IRI, LITERAL, RDF_LANG_STRING, type RdfTerm, type RdfTriple, XSD_STRING } from './terms';

/** The n3 syntaxes we read, by the names n3 uses. */
export type RdfSyntax = 'N-Triples' | 'N-Quads' | 'Turtle' | 'TriG';

/** An n3 term in the importer's shape. */
export function fromN3(term: Term): RdfTerm {
  switch (term.termType) {
    case 'NamedNode':
      return { t: IRI, v: term.value };
    case 'BlankNode':
      return { t: BLANK, v: term.value };
    case 'Literal': {
      const dt = term.datatype.value;
      return { t: LITERAL, v: term.value, dt: dt === XSD_STRING || dt === RDF_LANG_STRING ? null : dt, lang: term.language ? term.language.toLowerCase() : null };
    }
    default:
      // Variables, default graphs and quoted triples cannot name entities.
      return { t: IRI, v: term.value };
  }
}

/**
 * A parser that keeps blank node labels as written (we give them file-scoped IRIs ourselves). Anonymous nodes
 * (`[]`) are numbered per parser, not by n3's process-wide counter, so a file gets the same names on every import;
 * `~` cannot occur in a written label, so they never collide with one.
 */
export function newParser(format: RdfSyntax): Parser {
  let anonymous = 0;
  const factory = { ...DataFactory, blankNode: (name?: string) => DataFactory.blankNode(name || `~${anonymous++}`) };
  return new Parser({ format, blankNodePrefix: '', factory });
}

/** Parses one N-Triples line with n3 (the fast path's fallback); its errors name `file` and `lineNumber`. */
export function parseLineWithN3(line: string, file: string, lineNumber: number): RdfTriple[] {
  let quads: Quad[];
  try {
    quads = newParser('N-Triples').parse(line + '\n');
  } catch (error) {
    throw n3Error(error, file, lineNumber - 1);
  }
  return quads.map((q) => ({ s: fromN3(q.subject), p: fromN3(q.predicate), o: fromN3(q.object), line: lineNumber }));
}

/** An n3 error as BAD_INPUT with the file and the line (n3's line plus `lineOffset`). */
export function n3Error(error: unknown, file: string, lineOffset: number): Error {
  const e = error as Error & { context?: { line?: number } };
  const line = typeof e.context?.line === 'number' ? e.context.line + lineOffset : undefined;
  const reason = (e.message ?? String(error)).replace(/ on line \d+\.?$/, '');
  return badInput(file, line, `RDF syntax error: ${reason}`);
}
