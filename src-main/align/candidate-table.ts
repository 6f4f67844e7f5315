import { MATCH_KINDS, MODALITIES, type MatchKind, type Modality } from '../shared/model';

/** A row-major Float32 matrix whose row i belongs to entity ids[i] (the layout of the `embedding` table). */
export interface EmbeddingMatrix {
  ids: Int32Array;
  dim: number;
  /** [ids.length x dim] */
  data: Float32Array;
}

/**
 * Generated candidates, column-wise (a million rows stay a few typed arrays, not a million objects).
 * `left` is always a graph-1 entity id and `right` a graph-2 entity id.
 */
export interface CandidateTable {
  count: number;
  left: Int32Array;
  right: Int32Array;
  /** Index into MATCH_KINDS. */
  kind: Uint8Array;
  /** Cosine, or CSLS when asked for. */
  score: Float32Array;
  /** 1-based rank of `right` among `left`'s top-k of that kind; 0 when it is only in `right`'s top-k. */
  rankLeft: Int32Array;
  /** 1-based rank of `left` among `right`'s top-k of that kind; 0 when it is only in `left`'s top-k. */
  rankRight: Int32Array;
  /** 1 when each is the other's first choice. */
  mutual: Uint8Array;
  /** Score minus the runner-up's (rank 1) or minus the best (other ranks), in the list the pair came from. */
  margin: Float32Array;
  /** [count x MODALITIES.length] per-modality cosine; NaN where a side lacks that modality. */
  evidence: Float32Array;
}

/** One candidate as a plain object (for writing rows and for tests). */
export interface CandidateRow {
  left: number;
  right: number;
  kind: MatchKind;
  score: number;
  rankLeft: number | null;
  rankRight: number | null;
  mutual: boolean;
  margin: number;
  evidence: Partial<Record<Modality, number>>;
}

/** Row r of a table as an object. */
export function candidateRow(table: CandidateTable, r: number): CandidateRow {
  const evidence: Partial<Record<Modality, number>> = {};
  MODALITIES.forEach((m, q) => {
    const v = table.evidence[r * MODALITIES.length + q];
    if (!Number.isNaN(v)) evidence[m] = v;
  });
  return {
    left: table.left[r],
    right: table.right[r],
    kind: MATCH_KINDS[table.kind[r]],
    score: table.score[r],
    rankLeft: table.rankLeft[r] || null,
    rankRight: table.rankRight[r] || null,
    mutual: table.mutual[r] === 1,
    margin: table.margin[r],
    evidence,
  };
}
