/**
 * Child process of import.bench.ts: imports one dataset into a fresh project and prints one JSON line with wall
 * and CPU seconds, peak RSS and counts. Run alone so that its maxRSS is the import's own.
 *   node import-child.cjs <project> <format> <side|-> <role=path>...
 */
import { IMPORT_FORMATS } from '../../src-main/import/formats';
import { runImport } from '../../src-main/import/import-service';
import type { ImportFormat } from '../../src-main/import/import-format';
import { ProjectStore } from '../../src-main/project/project-store';
import type { GraphSide } from '../../src-main/shared/model';

async function main(): Promise<void> {
  const [project, formatId, sideText, ...pairs] = process.argv.slice(2);
  const format = (IMPORT_FORMATS as Record<string, ImportFormat | undefined>)[formatId];
  if (!format) throw new Error(`unknown format ${formatId}`);
  const paths = Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  const store = ProjectStore.create(project, 'bench');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runImport(store, format, { paths, options: {}, side: sideText === '-' ? undefined : (Number(sideText) as GraphSide) });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const info = store.info();
  store.close();
  console.log(JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    counts: result.counts,
    graphs: info.graphs.map((g) => ({ entities: g.entities, relTriples: g.relTriples, attrTriples: g.attrTriples })),
    gold: info.gold.total,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
