/**
 * Import benchmarks: each dataset is imported into a fresh project by a child process (bundled once), which
 * reports wall and CPU seconds and its own peak RSS. Datasets come from ../shared/datasets; the N-Triples file is
 * generated deterministically in a temp folder.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataset } from '../helpers/shared-data';
import { bundle, runChild, skipped, type Benchmark, type BenchRow } from './harness';

interface ChildResult {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  counts: Record<string, number>;
  graphs: { entities: number; relTriples: number; attrTriples: number }[];
  gold: number;
}

let child: Promise<string> | null = null;
// The RDF import reads in a thread of its own, from import-reader.cjs next to the bundle that starts it.
const childScript = () => (child ??= bundle('src-main/import/reader-thread/reader-entry.ts', 'import-reader').then(() => bundle('test/bench/import-child.ts', 'import-child')));

async function importOnce(format: string, side: string, paths: Record<string, string>): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mmea-bench-'));
  try {
    const args = [join(dir, 'bench.mmea'), format, side, ...Object.entries(paths).map(([role, path]) => `${role}=${path}`)];
    return await runChild<ChildResult>(await childScript(), args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(r: ChildResult, extra: BenchRow = {}): BenchRow {
  const rows = Object.entries(r.counts).filter(([k]) => !k.endsWith('Updated')).reduce((sum, [, v]) => sum + v, 0);
  return {
    seconds: r.seconds,
    'cpu s': r.cpuSeconds,
    rows,
    'rows/s': Math.round(rows / r.seconds),
    // On a shared machine wall time includes waiting for a core; rows per CPU second is the steadier figure.
    'rows/cpu s': Math.round(rows / r.cpuSeconds),
    ...extra,
    'peak RSS MB': Math.round(r.maxRssMB),
    entities: r.graphs.map((g) => g.entities).join(' + '),
    'rel triples': r.graphs.map((g) => g.relTriples).join(' + '),
    'attr triples': r.graphs.map((g) => g.attrTriples).join(' + '),
    gold: r.gold,
  };
}

function idLayout(name: string, relative: string): Benchmark {
  return {
    name,
    async run() {
      const dir = sharedDataset(relative);
      if (!dir) return skipped(`../shared/datasets/${relative}`);
      return row(await importOnce('id-layout', '-', { dir }));
    },
  };
}

/** Writes `triples` N-Triples lines (labels, entity links over 40 predicates, typed literals), deterministic. */
export async function writeNTriples(path: string, entities: number, triples: number): Promise<number> {
  const out = createWriteStream(path);
  let seed = 20261122;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const iri = (i: number) => `<http://bench.example.org/resource/Entity_${i}>`;
  let written = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (!out.write(chunk.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
    chunk = [];
  };
  for (let i = 0; i < entities && written < triples; i++, written++) {
    chunk.push(`${iri(i)} <http://www.w3.org/2000/01/rdf-schema#label> "Entity number ${i}"@en .\n`);
    if (chunk.length >= 10000) await flush();
  }
  while (written < triples) {
    const h = next(entities);
    if (written % 10 === 0) chunk.push(`${iri(h)} <http://bench.example.org/ontology/value${next(8)}> "${next(100000)}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n`);
    else chunk.push(`${iri(h)} <http://bench.example.org/ontology/rel${next(40)}> ${iri(next(entities))} .\n`);
    written++;
    if (chunk.length >= 10000) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}

const TRIPLES = 600_000;

export const benchmarks: Benchmark[] = [
  idLayout('DBP15K zh_en (id layout)', 'dbp15k/zh_en'),
  idLayout('OpenEA EN-FR-15K-V1 (id layout)', 'openea/OEA_EN_FR_15K_V1'),
  idLayout('MMKG DB15K-FB15K (id layout)', 'mmkg/converted/DB15K-FB15K'),
  {
    name: `generated N-Triples, ${TRIPLES.toLocaleString('en-US')} triples`,
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'mmea-bench-nt-'));
      try {
        const file = join(dir, 'graph.nt');
        const lines = await writeNTriples(file, 100_000, TRIPLES);
        const result = await importOnce('rdf', '1', { file });
        return row(result, { 'file triples/s': Math.round(lines / result.seconds), 'file triples/cpu s': Math.round(lines / result.cpuSeconds) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
