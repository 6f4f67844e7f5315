import { AppError } from '../shared/errors';
import { MATCH_KINDS, MODALITIES, matchKindOf, type EntityKind, type Modality } from '../shared/model';
import { blockedTopK, cslsPenalties, type BothWays } from './blocked-top-k';
import type { CandidateTable, EmbeddingMatrix } from './candidate-table';
import { crossModalMatrix } from './cross-modal-score';
import { addEvidence } from './evidence';
import { createTileScorer, type KernelChoice } from './tile-scorer';

/** What candidate generation reads: the final vectors, per-modality vectors, and each row's graph and kind. */
export interface CandidateInput {
  final: EmbeddingMatrix;
  /** Per final row: 1 or 2 (the graph), 0 to leave the row out (an id unknown to the project). */
  side: Int8Array;
  /** Per final row: 1 for an image entity, 0 for a text entity. */
  isImage: Int8Array;
  modalities: Partial<Record<Modality, EmbeddingMatrix>>;
  /**
   * What text-image pairs are scored with (rows in the order of `final`): by default the CrossEA cross-modal
   * matrix built from `modalities.image` (align/cross-modal-score.ts); null scores them by `final` like the rest.
   */
  crossModal?: EmbeddingMatrix | null;
}

export interface CandidateOptions {
  /** Neighbours kept per entity and direction (default 10). */
  topK?: number;
  /** Rank by CSLS instead of cosine (default false). */
  csls?: boolean;
  /** CSLS neighbourhood size (default 3). */
  cslsK?: number;
  /**
   * Rank text-image pairs scored by the cross-modal matrix with CSLS even when `csls` is off (default true): a
   * few pictures sit near many things (hubs), and local scaling is what puts cross-modal scores on a scale one
   * threshold can cut (the demo's flags: F1 0.83 without, 0.91 with, at calibrated thresholds).
   */
  crossModalCsls?: boolean;
  kernel?: KernelChoice;
  /** fraction 0..1 of the similarity passes done. */
  onProgress?: (fraction: number, detail: string) => void;
  signal?: AbortSignal;
}

const KINDS: EntityKind[] = ['text', 'image'];

/**
 * For every entity of either graph, its top-k on the other side of each entity kind (so a text entity's image
 * matches are not crowded out by text ones: cross-modal and intra-modal scores are not on one scale), with
 * rank, margin, mutual-nearest flag and per-modality evidence. Async only to let a cancel message in between
 * row blocks; the arithmetic is synchronous typed-array code.
 */
export async function generateCandidates(input: CandidateInput, options: CandidateOptions = {}): Promise<CandidateTable> {
  const topK = options.topK ?? 10;
  const cslsK = options.cslsK ?? 3;
  if (!Number.isInteger(topK) || topK < 1) throw new AppError('BAD_INPUT', `top-k must be a positive integer, got ${topK}`);
  const { final } = input;
  const groups = rowGroups(input);
  const crossModal = input.crossModal === undefined ? crossModalMatrix(final, input.modalities.image) : input.crossModal;
  const pairs = KINDS.flatMap((lk) => KINDS.map((rk) => [lk, rk] as const)).filter(([lk, rk]) => groups[1][lk].length > 0 && groups[2][rk].length > 0);
  const crossModalPass = (lk: EntityKind, rk: EntityKind) => crossModal !== null && matchKindOf(lk, rk) === 'text-image';
  const cslsFor = (lk: EntityKind, rk: EntityKind) => Boolean(options.csls) || (crossModalPass(lk, rk) && options.crossModalCsls !== false);
  const totalWork = pairs.reduce((sum, [lk, rk]) => sum + groups[1][lk].length * groups[2][rk].length * (cslsFor(lk, rk) ? 2 : 1), 0) || 1;
  let workDone = 0;
  const capacity = pairs.reduce((sum, [lk, rk]) => sum + (groups[1][lk].length + groups[2][rk].length) * topK, 0);
  const out = allocate(capacity);
  let lastYield = Date.now();
  for (const [lk, rk] of pairs) {
    const leftRows = groups[1][lk];
    const rightRows = groups[2][rk];
    const n = leftRows.length;
    const m = rightRows.length;
    // Intra- and cross-modal similarities are kept apart: text-image pairs get their own score (and thresholds).
    const source = crossModal && crossModalPass(lk, rk) ? crossModal : final;
    const csls = cslsFor(lk, rk);
    const scorer = createTileScorer({ data: source.data, rows: leftRows, count: n }, { data: source.data, rows: rightRows, count: m }, source.dim, options.kernel);
    const label = `${lk}-${rk}`;
    const control = (pass: string) => ({
      signal: options.signal,
      tick: async (rowsDone: number) => {
        options.onProgress?.(Math.min(1, (workDone + rowsDone * m) / totalWork), `${label} ${pass}: ${rowsDone}/${n} rows`);
        // Let the event loop run (cancel messages, progress posting) about every 50 ms.
        if (Date.now() - lastYield > 50) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
      },
    });
    let result: BothWays;
    if (csls) {
      const first = await blockedTopK(scorer, n, m, cslsK, null, control('csls neighbourhoods'));
      workDone += n * m;
      result = await blockedTopK(scorer, n, m, topK, cslsPenalties(first), control('csls'));
    } else {
      result = await blockedTopK(scorer, n, m, topK, null, control('cosine'));
    }
    workDone += n * m;
    merge(out, result, leftRows, rightRows, final.ids, MATCH_KINDS.indexOf(matchKindOf(lk, rk)));
  }
  const table = trim(out);
  addEvidence(table, input.modalities);
  options.onProgress?.(1, `${table.count} candidates`);
  return table;
}

function rowGroups(input: CandidateInput): Record<1 | 2, Record<EntityKind, Int32Array>> {
  const lists: Record<1 | 2, Record<EntityKind, number[]>> = { 1: { text: [], image: [] }, 2: { text: [], image: [] } };
  const rows = input.final.ids.length;
  if (input.side.length !== rows || input.isImage.length !== rows) throw new AppError('INTERNAL', 'side/isImage must have one entry per embedding row');
  for (let r = 0; r < rows; r++) {
    const side = input.side[r];
    if (side === 1 || side === 2) lists[side][input.isImage[r] ? 'image' : 'text'].push(r);
  }
  const typed = (l: Record<EntityKind, number[]>) => ({ text: Int32Array.from(l.text), image: Int32Array.from(l.image) });
  return { 1: typed(lists[1]), 2: typed(lists[2]) };
}

type Builder = Omit<CandidateTable, 'evidence'>;

function allocate(capacity: number): Builder {
  return {
    count: 0,
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    kind: new Uint8Array(capacity),
    score: new Float32Array(capacity),
    rankLeft: new Int32Array(capacity),
    rankRight: new Int32Array(capacity),
    mutual: new Uint8Array(capacity),
    margin: new Float32Array(capacity),
  };
}

function marginAt(scores: number[], r: number): number {
  if (scores.length < 2) return 0;
  return r === 0 ? scores[0] - scores[1] : scores[r] - scores[0];
}

/** Adds one kind pair's lists: left lists first, then right-only pairs; shared pairs get both ranks. */
function merge(out: Builder, result: BothWays, leftRows: Int32Array, rightRows: Int32Array, ids: Int32Array, kind: number): void {
  const n = leftRows.length;
  const start = new Int32Array(n + 1);
  const lists: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const { index, scores } = result.rows.sorted(i);
    start[i] = out.count;
    lists[i] = index;
    for (let r = 0; r < index.length; r++) {
      const c = out.count++;
      out.left[c] = ids[leftRows[i]];
      out.right[c] = ids[rightRows[index[r]]];
      out.kind[c] = kind;
      out.score[c] = scores[r];
      out.rankLeft[c] = r + 1;
      out.margin[c] = marginAt(scores, r);
    }
  }
  for (let j = 0; j < rightRows.length; j++) {
    const { index, scores } = result.cols.sorted(j);
    for (let q = 0; q < index.length; q++) {
      const i = index[q];
      const at = lists[i].indexOf(j);
      if (at >= 0) {
        const c = start[i] + at;
        out.rankRight[c] = q + 1;
        if (q === 0 && at === 0) out.mutual[c] = 1;
        continue;
      }
      const c = out.count++;
      out.left[c] = ids[leftRows[i]];
      out.right[c] = ids[rightRows[j]];
      out.kind[c] = kind;
      out.score[c] = scores[q];
      out.rankRight[c] = q + 1;
      out.margin[c] = marginAt(scores, q);
    }
  }
}

function trim(b: Builder): CandidateTable {
  const n = b.count;
  return {
    count: n,
    left: b.left.slice(0, n),
    right: b.right.slice(0, n),
    kind: b.kind.slice(0, n),
    score: b.score.slice(0, n),
    rankLeft: b.rankLeft.slice(0, n),
    rankRight: b.rankRight.slice(0, n),
    mutual: b.mutual.slice(0, n),
    margin: b.margin.slice(0, n),
    evidence: new Float32Array(n * MODALITIES.length).fill(NaN),
  };
}
