import { describe, expect, it } from 'vitest';
import { ProgressRenderer, formatDuration, progressLine, type ProgressEvent } from '../../../../src-main/cli/commands/train-progress';
import { metricsTable } from '../../../../src-main/cli/commands/metrics-table';

const event = (over: Partial<Extract<ProgressEvent, { kind: 'training' }>>): ProgressEvent => ({
  kind: 'training', title: 'Training', value: 0.5, epoch: 2, epochs: 4, step: 1, steps: 2, loss: 1.23456,
  elapsedSeconds: 75, etaSeconds: 75, backend: 'wasm', ...over,
});

/** A stream that records what is written, as a terminal or not. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, columns: 200, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('training progress on the command line', () => {
  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });

  it('draws a bar with epoch, loss, validation, elapsed time and ETA', () => {
    expect(progressLine(event({}), { hits1: 0.5, mrr: 0.625 }, 10)).toBe('[#####.....]  50%  epoch 2/4  loss 1.2346  valid H@1 0.500 MRR 0.625  1m15s  eta 1m15s  wasm');
    expect(progressLine(event({ epoch: 0, detail: 'encoding images 3/12', value: 0.25 }), null)).toBe('Training: encoding images 3/12 25% (wasm)');
  });

  it('prints one line per finished epoch when not on a terminal', () => {
    const out = stream(false);
    const r = new ProgressRenderer(out);
    r.update(event({ epoch: 1, step: 1, steps: 2 }));
    r.update(event({ epoch: 1, step: 2, steps: 2 })); // the last batch
    r.update(event({ epoch: 1, step: 2, steps: 2, valid: { hits1: 0.25, hits10: 0.5, mrr: 0.3 } })); // the epoch
    r.update(event({ epoch: 2, step: 1, steps: 2 }));
    const lines = out.text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/epoch 1\/4 .*valid H@1 0\.250/);
  });

  it('prints each step after the last epoch once, with what it does, when not on a terminal', () => {
    const out = stream(false);
    const r = new ProgressRenderer(out);
    r.update(event({ epoch: 4, step: 2, steps: 2, value: 1 }));
    r.update(event({ epoch: 4, step: 2, steps: 2, value: 1 }));
    r.update(event({ epoch: 4, step: 1, steps: 1, value: null, etaSeconds: null, finishing: 'final propagation of 4500 labels' }));
    r.update(event({ epoch: 4, step: 1, steps: 1, value: null, etaSeconds: null, finishing: 'final round 1/2: 812 pseudo-seeds promoted' }));
    const lines = out.text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('Training: final propagation of 4500 labels  1m15s  wasm');
    expect(lines[2]).toBe('Training: final round 1/2: 812 pseudo-seeds promoted  1m15s  wasm');
  });

  it('redraws one line in place on a terminal and ends it before other output', () => {
    const out = stream(true);
    const r = new ProgressRenderer(out);
    r.update(event({ epoch: 1, step: 2, steps: 2 }));
    r.message('hello');
    expect(out.text.startsWith('\r[')).toBe(true);
    expect(out.text.endsWith('\u001b[K\nhello\n')).toBe(true);
  });

  it('tabulates test-pair and all-entity metrics', () => {
    const table = metricsTable({ hits1: 0.5, hits10: 0.75, mrr: 0.6, pairs: 8, all: { hits1: 0.25, hits10: 0.5, mrr: 0.4 } });
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^test pairs \(published protocol\)\s+0\.500\s+0\.750\s+0\.600\s+8$/);
    expect(lines[3]).toMatch(/^all KG2 entities.*0\.250\s+0\.500\s+0\.400\s+8$/);
  });
});
