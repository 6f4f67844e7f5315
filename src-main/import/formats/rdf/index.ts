import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { GraphSide } from '../../../shared/model';
import type { ImportContext, ImportFormat, ImportRecord } from '../../import-format';
import { requireSide, totalSize } from '../lib/files';
import { ioError } from '../lib/line-reader';
import { RecordBatch } from '../lib/record-batch';
import { type RdfSyntax } from './n3-terms';
import { mapNTriples } from './ntriples-reader';
import { RdfMapper } from './rdf-mapper';
import { readTriples } from './triple-source';

const BY_EXTENSION: Record<string, RdfSyntax> = { '.nt': 'N-Triples', '.nq': 'N-Quads', '.ttl': 'Turtle', '.trig': 'TriG' };
const BY_OPTION: Record<string, RdfSyntax> = {
  'n-triples': 'N-Triples', ntriples: 'N-Triples', nt: 'N-Triples', 'n-quads': 'N-Quads', nquads: 'N-Quads', nq: 'N-Quads',
  turtle: 'Turtle', ttl: 'Turtle', trig: 'TriG',
};

/**
 * RDF files (N-Triples, Turtle, N-Quads, TriG; the syntax from the extension or option `format`). Either one file
 * for one graph (role `file` with a side) or both graphs at once (`graph1`, `graph2`, optional `links` of
 * owl:sameAs). Quads' graph names are not kept: every statement of a file belongs to its side.
 */
export const rdfFormat: ImportFormat = {
  id: 'rdf',
  title: 'RDF (N-Triples, Turtle, N-Quads, TriG)',
  roles: [
    { role: 'file', title: 'One graph (with a side)', optional: true },
    { role: 'graph1', title: 'Graph 1', optional: true },
    { role: 'graph2', title: 'Graph 2', optional: true },
    { role: 'links', title: 'owl:sameAs links between graph 1 and graph 2', optional: true },
  ],
  // Its only lookups are of the other graph's entities, when one graph is imported (owl:sameAs as gold).
  readsInThread: true,
  options: [{ name: 'format', title: 'RDF syntax (default: from the file extension)', type: 'string', values: ['ntriples', 'turtle', 'nquads', 'trig'] }],
  async fingerprintFiles(ctx) {
    return plan(ctx).files.map(([path]) => path);
  },
  read: readRdf,
};

function plan(ctx: ImportContext): { mode: 'single' | 'pair'; files: [string, GraphSide | 'links'][] } {
  const { file, graph1, graph2, links } = ctx.paths;
  if (file) {
    if (graph1 || graph2 || links) throw new AppError('BAD_INPUT', 'give either one file (with a side) or graph1/graph2/links, not both');
    return { mode: 'single', files: [[file, requireSide(ctx, 'An RDF file')]] };
  }
  if (!graph1 || !graph2) throw new AppError('BAD_INPUT', 'RDF import needs a file and a side, or both graph1 and graph2');
  const files: [string, GraphSide | 'links'][] = [[graph1, 1], [graph2, 2]];
  if (links) files.push([links, 'links']);
  return { mode: 'pair', files };
}

/** The syntax of a file: option `format` first, then the extension. */
export function syntaxOf(path: string, option: unknown): RdfSyntax {
  if (typeof option === 'string' && option !== '') {
    const syntax = BY_OPTION[option.toLowerCase()];
    if (!syntax) throw new AppError('BAD_INPUT', `unknown RDF format "${option}" (use ntriples, turtle, nquads or trig)`);
    return syntax;
  }
  const syntax = BY_EXTENSION[extname(path).toLowerCase()];
  if (!syntax) throw new AppError('BAD_INPUT', `cannot tell the RDF syntax from the extension "${extname(path)}": use .nt, .ttl, .nq or .trig, or the format option`, { file: path });
  return syntax;
}

async function* readRdf(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const { mode, files } = plan(ctx);
  const out = new RecordBatch(ctx, await totalSize(files.map(([path]) => path)));
  const mapper = new RdfMapper(out, ctx, mode);
  for (const [path, role] of files) {
    const syntax = syntaxOf(path, ctx.options.format);
    const scope = blankScope(path);
    out.startPhase(role === 'links' ? 'reading links' : `reading graph ${role} (${syntax})`);
    let ignored = 0;
    if (role !== 'links' && syntax === 'N-Triples') yield* mapNTriples(path, role, mapper, out, scope);
    else for await (const chunk of readTriples(path, syntax)) {
      out.setFileBytes(chunk.bytesRead);
      for (const triple of chunk.triples) {
        if (role === 'links') {
          if (!mapper.addLink(triple, scope, path)) ignored++;
        } else mapper.add(role, triple, scope);
        if (out.full) yield out.take();
      }
    }
    // What comes next asks the project which entities exist: hand out everything this file produced first.
    if (out.pending > 0) yield out.take();
    // Link files often carry a VoID description next to the links; it is not data of either graph.
    if (ignored > 0) out.startPhase(`links: ${ignored} statements other than owl:sameAs ignored`);
  }
  out.startPhase('resolving owl:sameAs and labels');
  for (const _ of mapper.finish()) yield out.take();
  if (out.pending > 0) yield out.take();
}

/**
 * A short hash of the file's bytes, so blank nodes of the same file get the same IRIs on every import. Computed
 * only when the first blank node shows up: most graphs have none, and hashing costs a second read of the file.
 */
function blankScope(path: string): () => string {
  let scope: string | null = null;
  return () => {
    if (scope !== null) return scope;
    const hash = createHash('sha1');
    const buffer = Buffer.alloc(1 << 20);
    let fd: number | null = null;
    try {
      fd = openSync(path, 'r');
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
    } catch (error) {
      throw ioError(path, error);
    } finally {
      if (fd !== null) closeSync(fd);
    }
    return (scope = hash.digest('hex').slice(0, 12));
  };
}
