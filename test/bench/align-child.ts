/**
 * Child process of the alignment benchmarks (peak memory is per process): `node align-child.cjs <case> <n> <m>
 * <dim> [csls]` generates random unit-ish vectors (seeded), runs the measurement and prints one JSON line.
 * Cases: `candidates` (full top-10 both directions) and `query` (single-entity top-10 latency).
 */
import { generateCandidates } from '../../src-main/align/generate-candidates';
import { nearestOf } from '../../src-main/align/entity-query';

const [mode, nArg, mArg, dimArg, flag] = process.argv.slice(2);
const n = Number(nArg);
const m = Number(mArg);
const dim = Number(dimArg);

function vectors(rows: number): Float32Array {
  let s = 12345;
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32 - 0.5;
  }
  return data;
}

async function main(): Promise<void> {
  const rows = n + m;
  const final = { ids: Int32Array.from({ length: rows }, (_, i) => i), dim, data: vectors(rows) };
  const side = Int8Array.from({ length: rows }, (_, i) => (i < n ? 1 : 2));
  const isImage = new Int8Array(rows);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (mode === 'candidates') {
    const table = await generateCandidates({ final, side, isImage, modalities: {} }, { topK: 10, csls: flag === 'csls' });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, candidates: table.count, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  } else {
    const targets = Int32Array.from({ length: m }, (_, i) => n + i);
    // The first query also computes the row norms it caches; it is reported on its own.
    const t = performance.now();
    nearestOf(final, 0, targets, 10);
    const firstMs = performance.now() - t;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let q = 1; q <= 200; q++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      nearestOf(final, (q * 97) % n, targets, 10);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    console.log(JSON.stringify({ firstMs, medianMs: times[100], p95Ms: times[190], medianCpuMs: cpuTimes[100], maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
