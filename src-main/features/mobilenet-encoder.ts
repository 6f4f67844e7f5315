import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { type ImageEncoder, l2NormaliseInPlace } from './image-encoder';

/** MobileNetV2's input side and the layer whose output is the 1280-d global-average-pooled feature. */
const INPUT_SIZE = 224;
const PENULTIMATE = 'flatten_1';

/** The parts of nsfwjs's NSFWJS object used here: its Keras model and the scalar it normalises with. */
type NsfwModel = { model: tf.LayersModel; normalizationOffset: tf.Scalar };

/**
 * MobileNetV2 features from the nsfwjs package: its weights ship inside the npm package (base64 bundles under
 * dist/models), so loading needs no network. The classifier was fine-tuned for a 5-class task; the penultimate
 * layer (1280-d, after global average pooling) is used as a generic image feature. TF.js must already have a
 * backend (the worker picks it once at start).
 */
export class MobileNetEncoder implements ImageEncoder {
  readonly id = 'mobilenetv2-nsfwjs-1280';
  readonly dim = 1280;

  /**
   * @param base the whole classifier (owns every weight)
   * @param features the same layers up to the penultimate one (no weights of its own)
   */
  private constructor(private readonly base: tf.LayersModel, private readonly features: tf.LayersModel) {}

  /** Loads the bundled weights (about 10 s on wasm). */
  static async load(): Promise<MobileNetEncoder> {
    const nsfwjs = await import('nsfwjs');
    // nsfwjs announces which model it uses through console.info; keep the worker's output for our own logs.
    const info = console.info;
    console.info = () => {};
    try {
      const nsfw = (await nsfwjs.load('MobileNetV2')) as unknown as NsfwModel;
      // nsfwjs's own intermediate-model cache disposes shared layers twice on dispose(), so the truncated model
      // is built here and only the base model is ever disposed.
      nsfw.normalizationOffset.dispose();
      const base = nsfw.model;
      const features = tf.model({ inputs: base.inputs, outputs: base.getLayer(PENULTIMATE).output as tf.SymbolicTensor });
      return new MobileNetEncoder(base, features);
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
    // [1, 224, 224, 3] float in 0..1, as nsfwjs feeds the model.
    const input = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) input[i] = pixels[i] / 255;
    const output = tf.tidy(() => this.features.predict(tf.tensor4d(input, [1, INPUT_SIZE, INPUT_SIZE, 3])) as tf.Tensor); // [1, 1280]
    try {
      return l2NormaliseInPlace(new Float32Array(await output.data()));
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.base.dispose();
  }
}
