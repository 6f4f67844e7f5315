import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../shared/errors';
import { type ImageEncoder, l2NormaliseInPlace } from './image-encoder';

/** Reads a TF.js model.json and its weight shards from disk (the Node build of tfjs has no file:// loader). */
export function fileModelHandler(modelPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      let json: { modelTopology?: unknown; format?: string; weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
      try {
        json = JSON.parse(readFileSync(modelPath, 'utf8'));
      } catch (error) {
        throw new AppError('BAD_INPUT', `not a TF.js model.json: ${(error as Error).message}`, { file: modelPath, cause: error });
      }
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const shards: Uint8Array[] = [];
      for (const group of json.weightsManifest ?? []) {
        for (const path of group.paths) shards.push(readFileSync(join(dirname(modelPath), path)));
        weightSpecs.push(...group.weights);
      }
      const weightData = new Uint8Array(shards.reduce((s, b) => s + b.byteLength, 0));
      let offset = 0;
      for (const shard of shards) {
        weightData.set(shard, offset);
        offset += shard.byteLength;
      }
      return { modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'], format: json.format, weightSpecs, weightData: weightData.buffer };
    },
  };
}

type Runner = (input: Float32Array, height: number, width: number) => Promise<Float32Array>;

/**
 * A curator's own image model: a TF.js model.json (layers or graph model, NHWC input [1, H, W, 3], pixels scaled to
 * 0..1) or an ONNX file run by onnxruntime-node (NCHW [1, 3, H, W] or NHWC, from the model's input shape). The
 * first output, flattened and L2-normalised, is the feature. The encoder id names the file so that vectors of two
 * different models are never mixed.
 */
export class CustomModelEncoder implements ImageEncoder {
  private constructor(
    readonly id: string,
    readonly dim: number,
    private readonly height: number,
    private readonly width: number,
    private readonly run: Runner,
    private readonly release: () => void,
  ) {}

  static async load(modelPath: string): Promise<CustomModelEncoder> {
    const loaded = modelPath.toLowerCase().endsWith('.onnx') ? await loadOnnx(modelPath) : await loadTfjs(modelPath);
    const probe = await loaded.run(new Float32Array(loaded.height * loaded.width * 3), loaded.height, loaded.width);
    return new CustomModelEncoder(`custom:${modelPath}`, probe.length, loaded.height, loaded.width, loaded.run, loaded.release);
  }

  async encode(image: Buffer): Promise<Float32Array> {
    const pixels = await sharp(image, { density: 72 })
      .flatten({ background: '#ffffff' })
      .resize(this.width, this.height, { fit: 'fill' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    const input = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) input[i] = pixels[i] / 255;
    return l2NormaliseInPlace(await this.run(input, this.height, this.width));
  }

  dispose(): void {
    this.release();
  }
}

/** H and W from an NHWC shape, 224 where the model leaves them open. */
function spatial(shape: readonly (number | null | string)[] | undefined, file: string): { height: number; width: number; nchw: boolean } {
  const dims = (shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : null));
  if (dims.length !== 4) throw new AppError('BAD_INPUT', `the model's input must be an image batch [1, H, W, 3] or [1, 3, H, W]; it is [${(shape ?? []).join(', ')}]`, { file });
  const nchw = dims[1] === 3 && dims[3] !== 3;
  const [h, w] = nchw ? [dims[2], dims[3]] : [dims[1], dims[2]];
  return { height: h ?? 224, width: w ?? 224, nchw };
}

async function loadTfjs(modelPath: string): Promise<{ height: number; width: number; run: Runner; release: () => void }> {
  const handler = fileModelHandler(modelPath);
  const artifacts = await handler.load!();
  const isGraph = artifacts.format === 'graph-model' || (artifacts.modelTopology as { node?: unknown } | undefined)?.node !== undefined;
  const model: tf.GraphModel | tf.LayersModel = isGraph ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  const { height, width, nchw } = spatial(model.inputs[0].shape, modelPath);
  if (nchw) throw new AppError('BAD_INPUT', 'TF.js models must take NHWC input [1, H, W, 3]', { file: modelPath });
  const run: Runner = async (input, h, w) => {
    const out = tf.tidy(() => {
      const result = model.predict(tf.tensor4d(input, [1, h, w, 3])) as tf.Tensor | tf.Tensor[];
      return (Array.isArray(result) ? result[0] : result).reshape([-1]);
    });
    try {
      return new Float32Array(await out.data());
    } finally {
      out.dispose();
    }
  };
  return { height, width, run, release: () => model.dispose() };
}

async function loadOnnx(modelPath: string): Promise<{ height: number; width: number; run: Runner; release: () => void }> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    throw new AppError('NOT_FOUND', `ONNX models need onnxruntime-node, which failed to load here: ${(error as Error).message.split('\n')[0]}`, {
      file: modelPath,
      hint: 'Install onnxruntime-node (an optional dependency), or convert the model to TF.js (model.json).',
      cause: error,
    });
  }
  let session: import('onnxruntime-node').InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath);
  } catch (error) {
    throw new AppError('BAD_INPUT', `onnxruntime could not load the model: ${(error as Error).message.split('\n')[0]}`, { file: modelPath, cause: error });
  }
  const meta = session.inputMetadata[0];
  const shape = meta && meta.isTensor ? meta.shape : undefined;
  const { height, width, nchw } = spatial(shape, modelPath);
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const run: Runner = async (input, h, w) => {
    let data = input;
    if (nchw) {
      // NHWC (as decoded) -> NCHW.
      data = new Float32Array(input.length);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[c * h * w + y * w + x] = input[(y * w + x) * 3 + c];
    }
    const tensor = new ort.Tensor('float32', data, nchw ? [1, 3, h, w] : [1, h, w, 3]);
    const result = await session.run({ [inputName]: tensor });
    return Float32Array.from(result[outputName].data as Float32Array);
  };
  return { height, width, run, release: () => void session.release() };
}
