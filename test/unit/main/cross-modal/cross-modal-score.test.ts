import { describe, expect, it } from 'vitest';
import { candidateRow } from '../../../../src-main/align/candidate-table';
import { crossModalMatrix } from '../../../../src-main/align/cross-modal-score';
import { generateCandidates, type CandidateInput } from '../../../../src-main/align/generate-candidates';
import { AppError } from '../../../../src-main/shared/errors';

/**
 * CrossEA inference: text-image candidates are scored on their own matrix (image content where both sides have
 * it, the fused vector always), text-text and image-image pairs by the fused vectors as before.
 */

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

// Entities: 1 = kg1 country with an attached flag, 2 = kg1 city without picture, 11 = kg2 country (text),
// 12 = kg2 flag node A (the right flag), 13 = kg2 flag node B (a look-alike flag of another country).
const ids = Int32Array.from([1, 2, 11, 12, 13]);
const finals = [[1, 0.2, 0], [0, 1, 0.1], [0.9, 0.3, 0], [0.2, 0.1, 1], [0.95, 0.2, 0.1]];
const images: Record<number, number[]> = { 1: [1, 0, 0, 0], 12: [0.9, 0.1, 0, 0], 13: [0, 0, 1, 0.2] };

function input(): CandidateInput {
  return {
    final: { ids, dim: 3, data: Float32Array.from(finals.flat()) },
    side: Int8Array.from([1, 1, 2, 2, 2]),
    isImage: Int8Array.from([0, 0, 0, 1, 1]),
    modalities: {
      image: { ids: Int32Array.from([1, 12, 13]), dim: 4, data: Float32Array.from([images[1], images[12], images[13]].flat()) },
    },
  };
}

describe('crossModalMatrix', () => {
  it('concatenates the weighted unit image vector (zeros where absent) and the unit fused vector, in final order', () => {
    const m = crossModalMatrix(input().final, input().modalities.image, 2)!;
    expect(m.dim).toBe(7);
    expect(Array.from(m.ids)).toEqual(Array.from(ids));
    const row = (r: number) => Array.from(m.data.subarray(r * 7, r * 7 + 7));
    unit(images[1]).forEach((x, k) => expect(row(0)[k]).toBeCloseTo(2 * x, 6));
    unit(finals[0]).forEach((x, k) => expect(row(0)[4 + k]).toBeCloseTo(x, 6));
    expect(row(1).slice(0, 4)).toEqual([0, 0, 0, 0]);
    unit(finals[1]).forEach((x, k) => expect(row(1)[4 + k]).toBeCloseTo(x, 6));
  });

  it('is null without image vectors (callers then score by the fused vectors) and refuses a bad weight', () => {
    expect(crossModalMatrix(input().final, undefined)).toBeNull();
    expect(crossModalMatrix(input().final, { ids: Int32Array.from([1]), dim: 4, data: new Float32Array(4) })).toBeNull();
    expect(() => crossModalMatrix(input().final, input().modalities.image, -1)).toThrow(AppError);
    expect(() => crossModalMatrix(input().final, input().modalities.image, Number.NaN)).toThrow(AppError);
  });
});

describe('generateCandidates with the cross-modal score', () => {
  const score = async (data: CandidateInput, left: number, right: number, crossModalCsls = false) => {
    const table = await generateCandidates(data, { topK: 5, kernel: 'js', crossModalCsls });
    const rows = Array.from({ length: table.count }, (_, r) => candidateRow(table, r));
    return rows.find((c) => c.left === left && c.right === right)!;
  };

  it('scores text-image pairs by image content and fused vector together, intra-modal pairs by the fused vector', async () => {
    const both = (a: number, b: number, ia: number, ib: number) => (dot(unit(images[ia]), unit(images[ib])) + dot(unit(finals[a]), unit(finals[b]))) / 2;
    // Country 1 (flag attached) against flag node A: both have pictures.
    const a = await score(input(), 1, 12);
    expect(a.kind).toBe('text-image');
    expect(a.score).toBeCloseTo(both(0, 3, 1, 12), 5);
    // City 2 has no picture: only the fused part counts, scaled by 1 / sqrt(1 + w²).
    const c = await score(input(), 2, 13);
    expect(c.score).toBeCloseTo(dot(unit(finals[1]), unit(finals[4])) / Math.SQRT2, 5);
    // Text-text stays on the fused vectors alone.
    const t = await score(input(), 1, 11);
    expect(t.kind).toBe('text-text');
    expect(t.score).toBeCloseTo(dot(unit(finals[0]), unit(finals[2])), 5);
  });

  it('ranks the cross-modal pass by CSLS by default, while text-text stays cosine', async () => {
    // Left text rows 1, 2 against right image rows 12, 13 on the cross-modal matrix (w = 1).
    const cm = crossModalMatrix(input().final, input().modalities.image)!;
    const row = (r: number) => Array.from(cm.data.subarray(r * cm.dim, (r + 1) * cm.dim));
    const cos = (a: number[], b: number[]) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    const sim = [0, 1].map((i) => [3, 4].map((j) => cos(row(i), row(j))));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const rRow = sim.map((r) => mean(r));
    const rCol = [0, 1].map((j) => mean(sim.map((r) => r[j])));
    const ids = [[1, 12], [1, 13], [2, 12], [2, 13]] as const;
    for (const [l, r] of ids) {
      const i = l - 1;
      const j = r - 12;
      const c = await score(input(), l, r, true);
      expect(c.score).toBeCloseTo(2 * sim[i][j] - rRow[i] - rCol[j], 5);
    }
    const t = await score(input(), 1, 11, true);
    expect(t.score).toBeCloseTo(dot(unit(finals[0]), unit(finals[2])), 5);
    // Without a cross-modal matrix there is no cross-modal pass: text-image stays cosine on the fused vectors.
    const plain = await score({ ...input(), crossModal: null }, 1, 12, true);
    expect(plain.score).toBeCloseTo(dot(unit(finals[0]), unit(finals[3])), 5);
  });

  it('lets the picture decide between look-alike flag nodes that the fused vectors rank the other way', async () => {
    const plain = { ...input(), crossModal: null };
    const byFused = [await score(plain, 1, 12), await score(plain, 1, 13)];
    expect(byFused[1].score).toBeGreaterThan(byFused[0].score);
    const byCrossModal = [await score(input(), 1, 12), await score(input(), 1, 13)];
    expect(byCrossModal[0].score).toBeGreaterThan(byCrossModal[1].score);
    expect(byCrossModal[0].rankLeft).toBe(1);
  });
});
