import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { type ImageEncoder, l2NormaliseInPlace } from './image-encoder';

/** MobileNetV2's input side and the layer whose output is the 1280-d global-average-pooled feature. */
const INPUT_SIZE = 224;
const PENULTIMATE = 'flatten_1';

type NsfwModel = { infer(img: tf.Tensor3D, endpoint?: string): tf.Tensor; dispose(): void };

/**
 * MobileNetV2 features from the nsfwjs package: its weights ship inside the npm package (base64 bundles under
 * dist/models), so loading needs no network. The classifier was fine-tuned for a 5-class task; the penultimate
 * layer (1280-d, after global average pooling) is used as a generic image feature. TF.js must already have a
 * backend (the worker picks it once at start).
 */
export class MobileNetEncoder implements ImageEncoder {
  readonly id = 'mobilenetv2-nsfwjs-1280';
  readonly dim = 1280;

  private constructor(private readonly model: NsfwModel) {}

  /** Loads the bundled weights (about 10 s on wasm). */
  static async load(): Promise<MobileNetEncoder> {
    const nsfwjs = await import('nsfwjs');
    // nsfwjs announces which model it uses through console.info; keep the worker's output for our own logs.
    const info = console.info;
    console.info = () => {};
    try {
      const model = (await nsfwjs.load('MobileNetV2')) as unknown as NsfwModel;
      return new MobileNetEncoder(model);
    } finally {
      console.info = info;
    }
  }

  async encode(image: Buffer): Promise<Float32Array> {
    const pixels = await sharp(image, { density: 72 })
      .flatten({ background: '#ffffff' })
      .resize(INPUT_SIZE, INPUT_SIZE, { fit: 'fill' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    // [224, 224, 3] int32 in 0..255; nsfwjs divides by 255 itself.
    const input = tf.tensor3d(Int32Array.from(pixels), [INPUT_SIZE, INPUT_SIZE, 3], 'int32');
    try {
      const output = this.model.infer(input, PENULTIMATE); // [1, 1280]
      try {
        return l2NormaliseInPlace(new Float32Array(await output.data()));
      } finally {
        output.dispose();
      }
    } finally {
      input.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
