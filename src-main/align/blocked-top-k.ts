import { AppError } from '../shared/errors';
import { TILE, type TileScorer } from './tile-scorer';
import { TopKHeaps } from './top-k';

/** Top-k in both directions of one A x B similarity matrix that is never held whole. */
export interface BothWays {
  /** Heap i: the best columns (B rows) of A row i. */
  rows: TopKHeaps;
  /** Heap j: the best rows (A rows) of B row j. */
  cols: TopKHeaps;
}

/** Progress and cancel for the scan; `tick` is called once per row block with the rows done so far. */
export interface ScanControl {
  signal?: AbortSignal;
  tick?: (rowsDone: number) => void | Promise<void>;
}

/**
 * Scans the n x m matrix tile by tile (TILE x TILE, so memory is O((n + m) k) whatever the sizes) keeping the k
 * best per row and per column. With `penalty`, the score of (i, j) is 2 cos - penalty.rows[i] - penalty.cols[j]
 * (CSLS, where the penalties are the mean top-k similarities of each side); otherwise it is cos.
 */
export async function blockedTopK(
  scorer: TileScorer,
  n: number,
  m: number,
  k: number,
  penalty: { rows: Float32Array; cols: Float32Array } | null,
  control: ScanControl = {},
): Promise<BothWays> {
  const rows = new TopKHeaps(n, Math.max(1, Math.min(k, m)));
  const cols = new TopKHeaps(m, Math.max(1, Math.min(k, n)));
  for (let r0 = 0; r0 < n; r0 += TILE) {
    if (control.signal?.aborted) throw new AppError('CANCELLED', 'Candidate generation was cancelled');
    const r1 = Math.min(n, r0 + TILE);
    for (let c0 = 0; c0 < m; c0 += TILE) {
      const c1 = Math.min(m, c0 + TILE);
      const { data, stride } = scorer.tile(r0, r1, c0, c1);
      if (penalty) scanCsls(data, stride, r0, r1, c0, c1, rows, cols, penalty.rows, penalty.cols);
      else scanCosine(data, stride, r0, r1, c0, c1, rows, cols);
    }
    await control.tick?.(r1);
  }
  return { rows, cols };
}

/** CSLS penalties from a first cosine pass with k neighbours (k = 3 is the usual choice). */
export function cslsPenalties(firstPass: BothWays): { rows: Float32Array; cols: Float32Array } {
  const rows = new Float32Array(firstPass.rows.size.length);
  const cols = new Float32Array(firstPass.cols.size.length);
  for (let i = 0; i < rows.length; i++) rows[i] = firstPass.rows.mean(i);
  for (let j = 0; j < cols.length; j++) cols[j] = firstPass.cols.mean(j);
  return { rows, cols };
}

// The hot loops live in small synchronous functions: V8 optimises them as a whole, which it does not do for a
// loop inside an async function. Most scores beat neither their row's nor their column's floor, so the fast path
// is one comparison against the smaller of the row floor and the lowest column floor of the tile (a lower bound
// that only rises, so skipping on it never drops a score that belongs in a heap).
function minFloor(colFloor: Float32Array, c0: number, c1: number): number {
  let min = Infinity;
  for (let j = c0; j < c1; j++) if (colFloor[j] < min) min = colFloor[j];
  return min;
}

function scanCosine(data: Float32Array, stride: number, r0: number, r1: number, c0: number, c1: number, rows: TopKHeaps, cols: TopKHeaps): void {
  const rowFloor = rows.floor;
  const colFloor = cols.floor;
  const minCol = minFloor(colFloor, c0, c1);
  for (let i = r0; i < r1; i++) {
    const o = (i - r0) * stride - c0;
    let floor = rowFloor[i];
    let skip = Math.min(floor, minCol);
    for (let j = c0; j < c1; j++) {
      const s = data[o + j];
      if (s <= skip) continue;
      if (s > floor) {
        rows.push(i, s, j);
        floor = rowFloor[i];
        skip = Math.min(floor, minCol);
      }
      if (s > colFloor[j]) cols.push(j, s, i);
    }
  }
}

/** As scanCosine, on CSLS scores 2 cos - pr[i] - pc[j]. */
function scanCsls(data: Float32Array, stride: number, r0: number, r1: number, c0: number, c1: number, rows: TopKHeaps, cols: TopKHeaps, pr: Float32Array, pc: Float32Array): void {
  const rowFloor = rows.floor;
  const colFloor = cols.floor;
  for (let i = r0; i < r1; i++) {
    const o = (i - r0) * stride - c0;
    const p = pr[i];
    let floor = rowFloor[i];
    for (let j = c0; j < c1; j++) {
      const s = 2 * data[o + j] - p - pc[j];
      if (s > floor) {
        rows.push(i, s, j);
        floor = rowFloor[i];
      }
      if (s > colFloor[j]) cols.push(j, s, i);
    }
  }
}
