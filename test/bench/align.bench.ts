/**
 * Alignment benchmarks: candidate generation (top-10 both directions, blocked, never the full matrix) at the size
 * of DBP15K zh_en with random 300-d vectors, with and without CSLS; a 100,000 x 100,000 case for peak memory; and
 * one entity's top-10 query. Each runs in a child process so its peak RSS is its own. The 100k case uses 64-d
 * vectors to keep its run near a minute on two shared cores; MMEA_BENCH_100K_DIM=300 runs it at full width.
 */
import { bundle, runChild, type Benchmark, type BenchRow } from './harness';

interface CandidatesResult {
  seconds: number;
  cpuSeconds: number;
  candidates: number;
  maxRssMB: number;
}

interface QueryResult {
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  medianCpuMs: number;
  maxRssMB: number;
}

let child: Promise<string> | null = null;
const script = () => (child ??= bundle('test/bench/align-child.ts', 'align-child'));

async function candidates(n: number, m: number, dim: number, csls: boolean): Promise<BenchRow> {
  const r = await runChild<CandidatesResult>(await script(), ['candidates', String(n), String(m), String(dim), csls ? 'csls' : 'cosine']);
  return {
    seconds: r.seconds,
    'cpu s': r.cpuSeconds,
    'G mult-add/s': (n * m * dim * (csls ? 2 : 1)) / r.cpuSeconds / 1e9,
    candidates: r.candidates,
    'peak RSS MB': Math.round(r.maxRssMB),
  };
}

const DIM_100K = Number(process.env.MMEA_BENCH_100K_DIM ?? 64);

export const benchmarks: Benchmark[] = [
  { name: 'candidates 19,388 x 19,572, dim 300, cosine top-10', run: () => candidates(19388, 19572, 300, false) },
  { name: 'candidates 19,388 x 19,572, dim 300, CSLS top-10', run: () => candidates(19388, 19572, 300, true) },
  { name: `candidates 100,000 x 100,000, dim ${DIM_100K}, cosine top-10`, run: () => candidates(100000, 100000, DIM_100K, false) },
  {
    name: 'one entity top-10 over 19,572, dim 300',
    async run() {
      const r = await runChild<QueryResult>(await script(), ['query', '19388', '19572', '300']);
      return { 'first ms': r.firstMs, 'median ms': r.medianMs, 'p95 ms': r.p95Ms, 'median cpu ms': r.medianCpuMs };
    },
  },
];
