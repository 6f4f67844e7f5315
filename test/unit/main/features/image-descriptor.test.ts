import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DESCRIPTOR_DIM, DescriptorEncoder } from '../../../../src-main/features/image-descriptor';

const root = join(__dirname, '..', '..', '..', '..', 'node_modules');
const svg = (code: string): Buffer => readFileSync(join(root, 'flag-icons', 'flags', '4x3', `${code}.svg`));
const png = (code: string): Buffer => readFileSync(join(root, 'svg-country-flags', 'png250px', `${code}.png`));
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe('image descriptor', () => {
  const encoder = new DescriptorEncoder();

  it('is deterministic and unit length', async () => {
    const a = await encoder.encode(png('fr'));
    const b = await encoder.encode(png('fr'));
    expect(a.length).toBe(DESCRIPTOR_DIM);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(dot(a, a)).toBeCloseTo(1, 5);
  });

  it("puts a country's SVG and PNG flags nearest to each other", async () => {
    // Flags that share colours (fr/nl/ru/it, de/be, jp/ch) make this more than a colour-histogram test.
    const codes = ['fr', 'nl', 'ru', 'it', 'de', 'be', 'jp', 'ch', 'se', 'gr'];
    const a = await Promise.all(codes.map((c) => encoder.encode(svg(c))));
    const b = await Promise.all(codes.map((c) => encoder.encode(png(c))));
    let hits = 0;
    codes.forEach((_, i) => {
      const scores = b.map((v) => dot(a[i], v));
      if (scores.indexOf(Math.max(...scores)) === i) hits++;
    });
    expect(hits).toBeGreaterThanOrEqual(9);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(encoder.encode(Buffer.from('not an image'))).rejects.toThrow();
  });

  it('treats transparency as white background, so a transparent PNG equals its flattened copy', async () => {
    const transparent = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const white = await sharp({ create: { width: 30, height: 20, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png().toBuffer();
    expect(dot(await encoder.encode(transparent), await encoder.encode(white))).toBeCloseTo(1, 5);
  });
});
