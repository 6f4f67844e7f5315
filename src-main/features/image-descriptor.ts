import sharp from 'sharp';
import { type ImageEncoder, l2NormaliseInPlace } from './image-encoder';

/** Side of the square the image is resampled to before describing it (aspect ratio is not kept on purpose). */
const SIZE = 64;
const COLOUR_BINS = 4; // per RGB channel: 4^3 = 64 joint bins
const EDGE_BINS = 8; // unsigned gradient orientations over [0, pi)
const EDGE_CELLS = 2; // 2 x 2 spatial cells for the orientation histograms
const GRID = 8; // 8 x 8 cells of mean colour

/** Dimension of the descriptor: 64 colour + 32 edge + 192 layout = 288. */
export const DESCRIPTOR_DIM = COLOUR_BINS ** 3 + EDGE_BINS * EDGE_CELLS * EDGE_CELLS + GRID * GRID * 3;

/**
 * Weights of the three blocks after each is L2-normalised; layout dominates because two renders of the same
 * picture (different aspect ratios, anti-aliasing, shades) agree most on where the colours are.
 */
const WEIGHTS = { colour: 0.5, edge: 0.35, layout: 1 };

/** The deterministic descriptor: decodes with sharp and describes colour, edges and layout. */
export class DescriptorEncoder implements ImageEncoder {
  readonly id = 'descriptor-v1';
  readonly dim = DESCRIPTOR_DIM;

  async encode(image: Buffer): Promise<Float32Array> {
    const pixels = await sharp(image, { density: 72 })
      .flatten({ background: '#ffffff' })
      .resize(SIZE, SIZE, { fit: 'fill', kernel: 'lanczos3' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    return describePixels(pixels, SIZE);
  }

  dispose(): void {}
}

/**
 * The descriptor of an RGB raster [size x size x 3] (uint8, row-major): joint colour histogram, edge-orientation
 * histograms per spatial cell (Sobel, magnitude-weighted), and a grid of mean colours centred at mid-grey so that
 * cosine similarity sees dark and light regions as opposites. Each block is L2-normalised and weighted; the whole
 * vector is L2-normalised. Pure integer/float arithmetic in a fixed order: identical bytes give identical vectors.
 */
export function describePixels(pixels: Uint8Array, size: number): Float32Array {
  const colour = new Float32Array(COLOUR_BINS ** 3);
  const layout = new Float32Array(GRID * GRID * 3);
  const gray = new Float32Array(size * size);
  const cell = size / GRID;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = (y * size + x) * 3;
      const r = pixels[p], g = pixels[p + 1], b = pixels[p + 2];
      const bin = ((r * COLOUR_BINS) >> 8) * COLOUR_BINS * COLOUR_BINS + ((g * COLOUR_BINS) >> 8) * COLOUR_BINS + ((b * COLOUR_BINS) >> 8);
      colour[bin] += 1;
      const c = (Math.floor(y / cell) * GRID + Math.floor(x / cell)) * 3;
      layout[c] += r / 255 - 0.5;
      layout[c + 1] += g / 255 - 0.5;
      layout[c + 2] += b / 255 - 0.5;
      gray[y * size + x] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    }
  }
  const edge = new Float32Array(EDGE_BINS * EDGE_CELLS * EDGE_CELLS);
  const edgeCell = size / EDGE_CELLS;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const at = (dy: number, dx: number): number => gray[(y + dy) * size + x + dx];
      const gx = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1);
      const gy = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1);
      const magnitude = Math.hypot(gx, gy);
      if (magnitude < 1e-3) continue;
      let angle = Math.atan2(gy, gx);
      if (angle < 0) angle += Math.PI;
      const bin = Math.min(EDGE_BINS - 1, Math.floor((angle / Math.PI) * EDGE_BINS));
      const c = Math.floor(y / edgeCell) * EDGE_CELLS + Math.floor(x / edgeCell);
      edge[c * EDGE_BINS + bin] += magnitude;
    }
  }
  // Square roots damp the dominance of the background colour / of long straight edges (Hellinger-style).
  for (let i = 0; i < colour.length; i++) colour[i] = Math.sqrt(colour[i]);
  for (let i = 0; i < edge.length; i++) edge[i] = Math.sqrt(edge[i]);
  const out = new Float32Array(DESCRIPTOR_DIM);
  let offset = 0;
  for (const [block, weight] of [[colour, WEIGHTS.colour], [edge, WEIGHTS.edge], [layout, WEIGHTS.layout]] as const) {
    l2NormaliseInPlace(block);
    for (let i = 0; i < block.length; i++) out[offset + i] = block[i] * weight;
    offset += block.length;
  }
  return l2NormaliseInPlace(out);
}
