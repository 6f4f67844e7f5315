/**
 * Round tick values for a chart axis: a step of 1, 2, 2.5 or 5 times a power of ten, chosen so about `count`
 * intervals cover [lo, hi], and the range widened outward to whole steps. A loss axis from 0 to 6.59 reads
 * 0, 2, 4, 6, 8 instead of 0, 1.65, 3.30, 4.94, 6.59.
 */
export function niceTicks(lo: number, hi: number, count = 4): { lo: number; hi: number; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`axis range [${lo}, ${hi}] is not finite`);
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // A tolerance so a range that already is whole steps (0 to 1 by 0.25) keeps its step despite float error.
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * magnitude;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // toPrecision drops the float residue of i * step (0.30000000000000004).
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { lo: ticks[0], hi: ticks[ticks.length - 1], ticks };
}
