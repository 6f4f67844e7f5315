import { TILE, createTileScorer } from '../align/tile-scorer';
import type { SimilarityKernel } from '../model/evaluate';

/**
 * The evaluation's similarity kernel over align/'s tile scorer (WebAssembly SIMD where available, else a tiled JS
 * loop): fast ranking of stored embeddings without loading TF.js (mmea eval, the main process). Inputs are
 * already unit rows, which the scorer's own normalisation leaves unchanged.
 */
export function tileKernel(): SimilarityKernel {
  let candidates: Float32Array = new Float32Array(0);
  let m = 0;
  let dim = 0;
  return {
    prepare(c, rows, d) {
      candidates = c;
      m = rows;
      dim = d;
    },
    multiply(queries, rows) {
      const out = new Float32Array(rows * m);
      if (rows === 0 || m === 0) return out;
      const scorer = createTileScorer({ data: queries, rows: null, count: rows }, { data: candidates, rows: null, count: m }, dim);
      for (let r0 = 0; r0 < rows; r0 += TILE) {
        const r1 = Math.min(rows, r0 + TILE);
        for (let c0 = 0; c0 < m; c0 += TILE) {
          const c1 = Math.min(m, c0 + TILE);
          const { data, stride } = scorer.tile(r0, r1, c0, c1);
          for (let i = 0; i < r1 - r0; i++) out.set(data.subarray(i * stride, i * stride + (c1 - c0)), (r0 + i) * m + c0);
        }
      }
      return out;
    },
    dispose() {
      candidates = new Float32Array(0);
    },
  };
}
