import type { EvalMetrics } from '../../shared/dto';

/** H@1 / H@10 / MRR as a small fixed-width table: the test pairs, and every KG2 entity when present. */
export function metricsTable(metrics: EvalMetrics): string {
  const rows: [string, { hits1: number; hits10: number; mrr: number }][] = [['test pairs (published protocol)', metrics]];
  if (metrics.all) rows.push(['all KG2 entities (what a curator faces)', metrics.all]);
  const width = Math.max(...rows.map(([name]) => name.length));
  const head = `${'ranked among'.padEnd(width)}  ${'H@1'.padStart(6)}  ${'H@10'.padStart(6)}  ${'MRR'.padStart(6)}  ${'pairs'.padStart(6)}`;
  const lines = rows.map(([name, m]) => `${name.padEnd(width)}  ${m.hits1.toFixed(3).padStart(6)}  ${m.hits10.toFixed(3).padStart(6)}  ${m.mrr.toFixed(3).padStart(6)}  ${String(metrics.pairs).padStart(6)}`);
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}
