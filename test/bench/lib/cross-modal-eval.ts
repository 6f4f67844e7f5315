import type { CandidateTable, EmbeddingMatrix } from '../../../src-main/align/candidate-table';
import { greedyOneToOne } from '../../../src-main/align/conflicts';
import { fromCounts, prCurve, type Prf } from '../../../src-main/align/quality';
import { calibrate, type LabelledScore } from '../../../src-main/align/thresholds';
import { MATCH_KINDS, type MatchKind } from '../../../src-main/shared/model';
import type { CrossModalGraphs } from './cross-modal-graphs';

/**
 * Embeddings and scoring for the generated cross-modal benchmark. No model is trained here (a training run over
 * these graphs takes far longer than a benchmark should on two shared cores); instead the vectors come straight
 * from the modality features, the way a trained model's would be laid out:
 * - structure: anchor propagation. Each training gold pair k (any kind) is a dimension; both its entities get a
 *   1 there, then two rounds of neighbour averaging over the heterogeneous graph (imageOf included) carry the
 *   anchors to their neighbourhoods, so an image node inherits its depicted entity's structure;
 * - image: the synthetic picture feature, zero where an entity has no image content;
 * - final: [unit(structure), unit(image)] (the image block is zero for entities without image content).
 */
export interface BenchEmbeddings {
  final: EmbeddingMatrix;
  structure: EmbeddingMatrix;
  image: EmbeddingMatrix;
}

/** Builds the three matrices (rows = entities 0..n-1). */
export function benchEmbeddings(g: CrossModalGraphs): BenchEmbeddings {
  const n = g.side.length;
  const train = g.gold.filter((p) => p.split === 'train');
  const a = train.length;
  // x0 [n x a]: anchor k marks both entities of training pair k.
  let x: Float32Array = new Float32Array(n * a);
  train.forEach((p, k) => {
    x[p.left * a + k] = 1;
    x[p.right * a + k] = 1;
  });
  for (const weight of [1, 0.5]) x = propagate(x, a, g, weight);
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  const final = new Float32Array(n * (a + g.imageDim));
  for (let e = 0; e < n; e++) {
    copyUnit(x, e * a, a, final, e * (a + g.imageDim));
    copyUnit(g.image, e * g.imageDim, g.imageDim, final, e * (a + g.imageDim) + a);
  }
  return {
    final: { ids, dim: a + g.imageDim, data: final },
    structure: { ids, dim: a, data: x },
    image: { ids, dim: g.imageDim, data: g.image },
  };
}

/** x + weight * mean over neighbours of x, per entity ([n x dim] in, new [n x dim] out). */
function propagate(x: Float32Array, dim: number, g: CrossModalGraphs, weight: number): Float32Array {
  const n = g.side.length;
  const out = x.slice();
  for (let e = 0; e < n; e++) {
    const from = g.adjStart[e];
    const to = g.adjStart[e + 1];
    if (to === from) continue;
    const w = weight / (to - from);
    const o = e * dim;
    for (let j = from; j < to; j++) {
      const u = g.adjList[j] * dim;
      for (let k = 0; k < dim; k++) out[o + k] += w * x[u + k];
    }
  }
  return out;
}

function copyUnit(src: Float32Array, from: number, dim: number, dst: Float32Array, to: number): void {
  let s = 0;
  for (let k = 0; k < dim; k++) s += src[from + k] * src[from + k];
  if (!(s > 0)) return;
  const scale = 1 / Math.sqrt(s);
  for (let k = 0; k < dim; k++) dst[to + k] = src[from + k] * scale;
}

type Gold = CrossModalGraphs['gold'];

/**
 * Candidates of `kind` touching a gold entity of that kind in `gold`, labelled by gold (calibration.ts's and
 * quality-report.ts's convention: pairs between two entities outside the gold say nothing about precision).
 */
export function labelled(table: CandidateTable, kind: MatchKind, gold: Gold): { labelled: LabelledScore[]; goldTotal: number } {
  const q = MATCH_KINDS.indexOf(kind);
  const pairs = gold.filter((p) => p.kind === kind);
  const keys = new Set(pairs.map((p) => `${p.left}:${p.right}`));
  const lefts = new Set(pairs.map((p) => p.left));
  const rights = new Set(pairs.map((p) => p.right));
  const out: LabelledScore[] = [];
  for (let c = 0; c < table.count; c++) {
    if (table.kind[c] !== q || !(lefts.has(table.left[c]) || rights.has(table.right[c]))) continue;
    out.push({ score: table.score[c], correct: keys.has(`${table.left[c]}:${table.right[c]}`) });
  }
  return { labelled: out, goldTotal: pairs.length };
}

/** One published link: a candidate that survives the kind's 1:1 rule. */
interface Pick {
  left: number;
  right: number;
  score: number;
}

/**
 * What the project would publish at threshold -infinity, best first: every candidate of the kind, held 1:1 for
 * 1:1 kinds by align/conflicts' greedy pick (export's 'accepted+auto' rule; a text entity may have several
 * pictures, so text-image keeps all). Greedy goes best first, so the links published at a threshold t are
 * exactly the picks scoring >= t: one pass serves every threshold.
 */
export function publishedPicks(table: CandidateTable, kind: MatchKind): Pick[] {
  const q = MATCH_KINDS.indexOf(kind);
  const all: Pick[] = [];
  for (let c = 0; c < table.count; c++) if (table.kind[c] === q) all.push({ left: table.left[c], right: table.right[c], score: table.score[c] });
  return greedyOneToOne(all, kind, { left: new Set(), right: new Set() }).map((i) => all[i]).sort((a, b) => b.score - a.score);
}

/** Picks touching a gold entity of the kind (the quality report's rule), labelled by that gold. */
function judged(picks: Pick[], kind: MatchKind, gold: Gold): { scores: LabelledScore[]; goldTotal: number } {
  const pairs = gold.filter((p) => p.kind === kind);
  const keys = new Set(pairs.map((p) => `${p.left}:${p.right}`));
  const lefts = new Set(pairs.map((p) => p.left));
  const rights = new Set(pairs.map((p) => p.right));
  const scores = picks.filter((c) => lefts.has(c.left) || rights.has(c.right)).map((c) => ({ score: c.score, correct: keys.has(`${c.left}:${c.right}`) }));
  return { scores, goldTotal: pairs.length };
}

/** The threshold with the best F1 over labelled scores (every distinct score is a cut, via align/quality's curve). */
export function bestF1Threshold(scores: readonly LabelledScore[], goldTotal: number): number {
  let best = { f1: -1, threshold: Infinity };
  for (const p of prCurve(scores, goldTotal, Math.max(1, scores.length))) {
    const f1 = p.precision + p.recall ? (2 * p.precision * p.recall) / (p.precision + p.recall) : 0;
    if (f1 > best.f1) best = { f1, threshold: p.threshold };
  }
  return best.threshold;
}

/** The compared threshold policies, all chosen on the validation gold. */
export type ThresholdPolicy = 'shared-f1' | 'per-kind-f1' | 'shared-p95' | 'per-kind-p95';

/**
 * Thresholds per kind under a policy: '-f1' picks the best F1 of the published links on the validation gold;
 * '-p95' is the app's calibration (align/thresholds' calibrate at precision 0.95 over the validation-touching
 * candidates, as review/calibration.ts does). 'shared' pools the kinds under one threshold.
 */
export function chooseThresholds(table: CandidateTable, valid: Gold, policy: ThresholdPolicy): Record<MatchKind, number> {
  const per = Object.fromEntries(MATCH_KINDS.map((k) => [k, policy.endsWith('f1') ? judged(publishedPicks(table, k), k, valid) : fromLabelled(labelled(table, k, valid))])) as Record<MatchKind, { scores: LabelledScore[]; goldTotal: number }>;
  const pick = (scores: LabelledScore[], total: number, kind: MatchKind) =>
    policy.endsWith('f1') ? bestF1Threshold(scores, total) : calibrate(kind, scores, 0.95, total).upper;
  if (policy.startsWith('shared')) {
    const t = pick(MATCH_KINDS.flatMap((k) => per[k].scores), MATCH_KINDS.reduce((s, k) => s + per[k].goldTotal, 0), 'text-text');
    return { 'text-text': t, 'image-image': t, 'text-image': t };
  }
  return Object.fromEntries(MATCH_KINDS.map((k) => [k, per[k].goldTotal ? pick(per[k].scores, per[k].goldTotal, k) : Infinity])) as Record<MatchKind, number>;
}

const fromLabelled = (l: { labelled: LabelledScore[]; goldTotal: number }) => ({ scores: l.labelled, goldTotal: l.goldTotal });

/**
 * P/R/F1 per kind and overall on `test` gold at the given thresholds: the published links (publishedPicks) at or
 * above their kind's threshold that touch a test gold entity of the kind, as in the quality report.
 */
export function scoreAt(table: CandidateTable, test: Gold, thresholds: Record<MatchKind, number>): Record<MatchKind | 'overall', Prf> {
  const out = {} as Record<MatchKind | 'overall', Prf>;
  let correct = 0, predicted = 0, goldAll = 0;
  for (const kind of MATCH_KINDS) {
    const { scores, goldTotal } = judged(publishedPicks(table, kind), kind, test);
    const above = scores.filter((s) => s.score >= thresholds[kind]);
    const hits = above.filter((s) => s.correct).length;
    out[kind] = fromCounts(hits, above.length, goldTotal);
    correct += hits;
    predicted += above.length;
    goldAll += goldTotal;
  }
  out.overall = fromCounts(correct, predicted, goldAll);
  return out;
}
