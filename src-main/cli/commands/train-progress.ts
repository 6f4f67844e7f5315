import type { JobProgress } from '../../shared/progress';

/** A progress event with or without its job id (in-process training has none). */
export type ProgressEvent = JobProgress extends infer P ? (P extends JobProgress ? Omit<P, 'jobId'> : never) : never;

/** Seconds as "1h02m", "3m05s" or "12s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** One status line for a training progress event: bar, epoch, loss, last validation, elapsed and ETA. */
export function progressLine(p: ProgressEvent, lastValid: { hits1: number; mrr: number } | null, width = 24): string {
  if (p.kind !== 'training') return `${p.title}${p.detail ? `: ${p.detail}` : ''}`;
  if (p.finishing) return `${p.title}: ${p.finishing}  ${formatDuration(p.elapsedSeconds)}  ${p.backend}`;
  if (p.epoch === 0) return `${p.title}: ${p.detail ?? 'preparing'}${p.value !== null && p.value < 1 ? ` ${Math.round(p.value * 100)}%` : ''} (${p.backend})`;
  const value = Math.min(1, Math.max(0, p.value ?? 0));
  const filled = Math.round(value * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  const valid = lastValid ? `  valid H@1 ${lastValid.hits1.toFixed(3)} MRR ${lastValid.mrr.toFixed(3)}` : '';
  const eta = p.etaSeconds === null ? '' : `  eta ${formatDuration(p.etaSeconds)}`;
  return `${bar} ${(value * 100).toFixed(0).padStart(3)}%  epoch ${p.epoch}/${p.epochs}  loss ${p.loss.toFixed(4)}${valid}  ${formatDuration(p.elapsedSeconds)}${eta}  ${p.backend}`;
}

/**
 * Renders training progress on a stream: on a terminal one line redrawn in place (at most ~10 times a second),
 * elsewhere (logs, CI) one line per finished epoch.
 */
export class ProgressRenderer {
  private lastValid: { hits1: number; mrr: number } | null = null;
  private lastDraw = 0;
  private drawn = false;
  private readonly ends = new Map<number, number>();

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(p: ProgressEvent): void {
    if (p.kind === 'training' && p.valid) this.lastValid = { hits1: p.valid.hits1, mrr: p.valid.mrr };
    const line = progressLine(p, this.lastValid);
    if (this.out.isTTY) {
      const now = Date.now();
      const epochEnd = p.kind === 'training' && p.step === p.steps;
      if (!epochEnd && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const columns = this.out.columns ?? 120;
      this.out.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length))}\u001b[K`);
      this.drawn = true;
      return;
    }
    if (p.kind !== 'training' || p.epoch === 0 || p.finishing) {
      // Preparation steps (image encoding) report per item: keep a log to one line per step or every 2 s.
      const now = Date.now();
      if (p.value === null || p.value >= 1 || now - this.lastDraw >= 2000) {
        this.lastDraw = now;
        this.out.write(`${line}\n`);
      }
      return;
    }
    // Without a terminal: the trainer reports each batch and then the epoch; print the epoch's own report once.
    if (p.step !== p.steps) return;
    const seen = (this.ends.get(p.epoch) ?? 0) + 1;
    this.ends.set(p.epoch, seen);
    if (seen === 2 || p.steps === 0) this.out.write(`${line}\n`);
  }

  /** Ends the in-place line so that what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }

  /** Prints a message on its own line without breaking the progress line. */
  message(text: string): void {
    this.finish();
    this.out.write(`${text}\n`);
  }
}
