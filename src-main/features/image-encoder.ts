/**
 * An image encoder: bytes of one image file in, one feature vector out. Implementations: the hand-made
 * descriptor (sharp only), MobileNetV2 from nsfwjs (TF.js), and a curator's own TF.js or ONNX model.
 * Encoders that hold tensors or sessions release them in dispose().
 */
export interface ImageEncoder {
  /** Stored in image_feature.encoder: vectors of different encoders are never mixed in one matrix. */
  readonly id: string;
  readonly dim: number;
  /** Encodes one image (JPEG, PNG, WebP, GIF, TIFF or SVG bytes); rejects with the decoder's reason. */
  encode(image: Buffer): Promise<Float32Array>;
  dispose(): void;
}

/** Which encoder to use: 'descriptor', 'mobilenet' (nsfwjs MobileNetV2), or a model file of the curator's. */
export type ImageEncoderChoice = 'descriptor' | 'mobilenet' | { modelPath: string };

/** L2-normalises a vector in place (a zero vector stays zero) and returns it. */
export function l2NormaliseInPlace(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}
