import { AppError } from '../shared/errors';
import { instantiateDotKernel, wasmApi, type WasmMemory } from './wasm-kernel';

/** Which inner loop computes the dot products. */
export type KernelChoice = 'auto' | 'wasm' | 'js';

/** Dot products of unit rows of A [n x dim] against unit rows of B [m x dim], one tile at a time. */
export interface TileScorer {
  readonly kernel: 'wasm' | 'js';
  /**
   * Scores rows [r0, r1) of A against rows [c0, c1) of B. Returns a view [(r1 - r0) x stride], row-major, valid
   * until the next call; entries at column >= c1 - c0 are padding.
   */
  tile(r0: number, r1: number, c0: number, c1: number): { data: Float32Array; stride: number };
}

/** The largest tile this scorer is asked for (rows x cols). */
export const TILE = 256;

const pad = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * Copies A and B, each row scaled to unit length (zero rows stay zero), into the kernel's padded layout.
 * `a` and `b` are row-major Float32 [rows x dim]; `aRows`/`bRows` optionally pick and order rows.
 */
export function createTileScorer(
  a: { data: Float32Array; rows: Int32Array | null; count: number },
  b: { data: Float32Array; rows: Int32Array | null; count: number },
  dim: number,
  kernel: KernelChoice = 'auto',
): TileScorer {
  const dPad = pad(Math.max(dim, 1), 4);
  const nPad = pad(Math.max(a.count, 1), 2);
  const mPad = pad(Math.max(b.count, 1), 4);
  if (kernel !== 'js') {
    const scorer = wasmScorer(a, b, dim, dPad, nPad, mPad);
    if (scorer) return scorer;
    if (kernel === 'wasm') throw new AppError('INTERNAL', 'WebAssembly SIMD is not available in this runtime');
  }
  return jsScorer(a, b, dim, dPad, nPad, mPad);
}

function copyUnitRows(src: { data: Float32Array; rows: Int32Array | null; count: number }, dim: number, dst: Float32Array, dstOffset: number, dPad: number): void {
  for (let i = 0; i < src.count; i++) {
    const s = (src.rows ? src.rows[i] : i) * dim;
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += src.data[s + k] * src.data[s + k];
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const d = dstOffset + i * dPad;
    for (let k = 0; k < dim; k++) dst[d + k] = src.data[s + k] * scale;
  }
}

function wasmScorer(a: Parameters<typeof createTileScorer>[0], b: Parameters<typeof createTileScorer>[1], dim: number, dPad: number, nPad: number, mPad: number): TileScorer | null {
  const floats = mPad * dPad + nPad * dPad + TILE * pad(TILE, 4);
  const bytes = floats * 4;
  if (bytes > 4 * 1024 ** 3 - 65536) return null;
  const wasm = wasmApi();
  if (!wasm) return null;
  let memory: WasmMemory;
  try {
    memory = new wasm.Memory({ initial: Math.ceil(bytes / 65536) });
  } catch {
    return null;
  }
  const score = instantiateDotKernel(memory);
  if (!score) return null;
  const heap = new Float32Array(memory.buffer);
  const bOff = 0;
  const aOff = mPad * dPad;
  const outOff = aOff + nPad * dPad;
  copyUnitRows(b, dim, heap, bOff, dPad);
  copyUnitRows(a, dim, heap, aOff, dPad);
  const rowBytes = dPad * 4;
  return {
    kernel: 'wasm',
    tile(r0, r1, c0, c1) {
      const rows = pad(r1 - r0, 2);
      const cols = pad(c1 - c0, 4);
      score((aOff + r0 * dPad) * 4, (bOff + c0 * dPad) * 4, outOff * 4, rows, cols, rowBytes, cols * 4);
      return { data: heap.subarray(outOff, outOff + rows * cols), stride: cols };
    },
  };
}

function jsScorer(a: Parameters<typeof createTileScorer>[0], b: Parameters<typeof createTileScorer>[1], dim: number, dPad: number, nPad: number, mPad: number): TileScorer {
  const A = new Float32Array(nPad * dPad);
  const B = new Float32Array(mPad * dPad);
  copyUnitRows(a, dim, A, 0, dPad);
  copyUnitRows(b, dim, B, 0, dPad);
  const out = new Float32Array(TILE * TILE);
  return {
    kernel: 'js',
    tile(r0, r1, c0, c1) {
      const rows = pad(r1 - r0, 2);
      const cols = pad(c1 - c0, 2);
      // 2 x 2 register tile: four accumulators per pass over k, half the loads of a plain dot product.
      for (let i = 0; i < rows; i += 2) {
        const a0 = (r0 + i) * dPad;
        const a1 = a0 + dPad;
        for (let j = 0; j < cols; j += 2) {
          const b0 = (c0 + j) * dPad;
          const b1 = b0 + dPad;
          let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
          for (let k = 0; k < dim; k++) {
            const x0 = A[a0 + k], x1 = A[a1 + k], y0 = B[b0 + k], y1 = B[b1 + k];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s10 += x1 * y0;
            s11 += x1 * y1;
          }
          const o = i * cols + j;
          out[o] = s00;
          out[o + 1] = s01;
          out[o + cols] = s10;
          out[o + cols + 1] = s11;
        }
      }
      return { data: out, stride: cols };
    },
  };
}
