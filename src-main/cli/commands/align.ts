import { AppError } from '../../shared/errors';
import type { BandCounts, QualityReport } from '../../shared/dto';
import { openDatabase } from '../../project/db';
import { runAlign } from '../../review/align-job';
import { ReviewService } from '../../review/review-service';
import { numberOption, parseArgs } from '../args';
import type { CliCommand } from '../command';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Band counts and quality as the CLI prints them. */
export function formatAlignReport(bands: BandCounts[], quality: QualityReport, thresholds: { kind: string; lower: number; upper: number }[]): string {
  const lines = ['kind          lower   upper      auto    review    hidden'];
  for (const b of bands) {
    if (b.auto + b.review + b.hidden === 0) continue;
    const t = thresholds.find((x) => x.kind === b.kind)!;
    lines.push(`${b.kind.padEnd(12)} ${t.lower.toFixed(3).padStart(6)} ${t.upper.toFixed(3).padStart(7)} ${String(b.auto).padStart(9)} ${String(b.review).padStart(9)} ${String(b.hidden).padStart(9)}`);
  }
  lines.push('');
  if (quality.perKind.length) {
    lines.push('quality at the upper thresholds (test gold; accepted + undecided auto links):');
    for (const k of quality.perKind) lines.push(`  ${k.kind.padEnd(12)} P ${pct(k.precision)}  R ${pct(k.recall)}  F1 ${pct(k.f1)}  (${k.predicted} predicted, ${k.gold} gold)`);
    lines.push(`  ${'overall'.padEnd(12)} P ${pct(quality.overall.precision)}  R ${pct(quality.overall.recall)}  F1 ${pct(quality.overall.f1)}`);
  } else {
    lines.push('quality: the project has no gold links');
  }
  const r = quality.ranking;
  if (r) {
    lines.push(`ranking of test pairs: H@1 ${pct(r.hits1)}  H@10 ${pct(r.hits10)}  MRR ${r.mrr.toFixed(3)}  (${r.pairs} pairs)`);
    if (r.all) lines.push(`  against every graph-2 entity: H@1 ${pct(r.all.hits1)}  H@10 ${pct(r.all.hits10)}  MRR ${r.all.mrr.toFixed(3)}`);
  }
  lines.push(`decisions: ${quality.decisions}`);
  return lines.join('\n');
}

/** `mmea align <project> [--top-k 10] [--csls] [--run N]`: candidate generation, band counts and quality. */
export const alignCommand: CliCommand = {
  name: 'align',
  summary: 'generate candidate links from a run\'s embeddings; print band counts and quality',
  help: [
    'usage: mmea align <project> [--top-k 10] [--csls] [--run N] [--json]',
    '',
    'For every entity of either graph, keeps its top-k entities of each kind on the other side (cosine, or CSLS',
    'with --csls), replaces the candidates (curator decisions are never touched), ranks the test gold, and',
    'calibrates thresholds of match kinds that have none yet (precision 95% on validation gold).',
    '  --top-k N   neighbours per entity and direction (default 10)',
    '  --csls      rank by cross-domain similarity local scaling (k = 3) instead of cosine',
    '  --run N     the training run whose embeddings to use (default: the newest finished one)',
    '  --json      print the result as JSON',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { flags: ['csls', 'json'], values: ['top-k', 'run'] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea align <project> [--top-k 10] [--csls] [--run N]' });
    const topK = numberOption(parsed, 'top-k', 10, 1, 1000);
    if (!Number.isInteger(topK)) throw new AppError('BAD_INPUT', '--top-k must be a whole number');
    const run = parsed.options.has('run') ? numberOption(parsed, 'run', 0, 1) : undefined;
    const db = openDatabase(file);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      let last = -1;
      const result = await runAlign(db, { topK, csls: parsed.options.has('csls'), runId: run }, {
        signal: controller.signal,
        onProgress: (fraction, detail) => {
          const step = Math.floor(fraction * 20);
          if (step !== last && process.stderr.isTTY) process.stderr.write(`\r${pct(fraction).padStart(6)} ${detail.padEnd(50).slice(0, 50)}`);
          last = step;
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const review = new ReviewService(db);
      const quality = review.quality();
      if (parsed.options.has('json')) {
        console.log(JSON.stringify({ ...result, thresholds: review.thresholds(), quality }, null, 2));
      } else {
        const g = result.generation;
        console.log(`${g.count} candidates from run ${g.run} (top-${g.topK}, ${g.csls ? 'CSLS' : 'cosine'}) in ${g.seconds.toFixed(1)} s`);
        if (result.calibrated.length) console.log(`thresholds calibrated on validation gold for: ${result.calibrated.join(', ')}`);
        console.log(formatAlignReport(review.bandCounts(), quality, review.thresholds()));
      }
      return 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
      db.close();
    }
  },
};
