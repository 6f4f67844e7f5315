import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomModelEncoder } from '../../../../src-main/features/custom-model-encoder';

// A minimal protobuf writer: enough to hand-write a one-node ONNX model (no onnx tooling is available offline).
const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
};
const int = (field: number, value: number): number[] => [...varint(field << 3), ...varint(value)];
const bytes = (field: number, payload: number[] | string): number[] => {
  const body = typeof payload === 'string' ? [...Buffer.from(payload, 'utf8')] : payload;
  return [...varint((field << 3) | 2), ...varint(body.length), ...body];
};
const tensorType = (shape: number[]): number[] =>
  bytes(2, bytes(1, [...int(1, 1), ...bytes(2, shape.flatMap((d) => bytes(1, int(1, d))))]));
const valueInfo = (name: string, shape: number[]): number[] => [...bytes(1, name), ...tensorType(shape)];

/** ONNX: y = GlobalAveragePool(x), x float [1, 3, 8, 8] (NCHW), y [1, 3, 1, 1]: the feature is the mean colour. */
function globalAveragePoolModel(): Buffer {
  const node = [...bytes(1, 'x'), ...bytes(2, 'y'), ...bytes(4, 'GlobalAveragePool')];
  const graph = [...bytes(1, node), ...bytes(2, 'g'), ...bytes(11, valueInfo('x', [1, 3, 8, 8])), ...bytes(12, valueInfo('y', [1, 3, 1, 1]))];
  return Buffer.from([...int(1, 7), ...bytes(7, graph), ...bytes(8, [...bytes(1, ''), ...int(2, 13)])]);
}

describe("a curator's own ONNX model (onnxruntime-node)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-onnx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the NCHW input size from the model and returns the first output L2-normalised', async () => {
    const path = join(dir, 'gap.onnx');
    writeFileSync(path, globalAveragePoolModel());
    const encoder = await CustomModelEncoder.load(path);
    expect(encoder.dim).toBe(3);
    // Left half blue, right half green: the mean colour is (0, .5, .5), unit length (0, .707, .707).
    const image = await sharp({ create: { width: 16, height: 8, channels: 3, background: { r: 0, g: 0, b: 255 } } })
      .composite([{ input: { create: { width: 8, height: 8, channels: 3, background: { r: 0, g: 255, b: 0 } } }, left: 8, top: 0 }])
      .png()
      .toBuffer();
    const v = await encoder.encode(image);
    expect(v[0]).toBeCloseTo(0, 4);
    expect(v[1]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(v[2]).toBeCloseTo(Math.SQRT1_2, 2);
    encoder.dispose();
  });

  it('reports a broken ONNX file as bad input naming the file', async () => {
    const path = join(dir, 'broken.onnx');
    writeFileSync(path, Buffer.from([1, 2, 3, 4]));
    await expect(CustomModelEncoder.load(path)).rejects.toMatchObject({ code: 'BAD_INPUT', file: path });
  });
});
