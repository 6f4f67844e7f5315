import { AppError } from '../shared/errors';

/** WebAssembly.RuntimeError (the ES2023 lib has no value declaration for the WebAssembly namespace). */
export const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly.RuntimeError;

/**
 * Whether an error is the TF.js wasm module aborting (emscripten's "Aborted()", a WebAssembly.RuntimeError), which
 * in practice means its memory (capped at 4 GB) ran out. After that the module is dead: every later TF.js call in
 * the same thread fails, so the worker must be replaced.
 */
export function isWasmAbort(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && e.name === 'RuntimeError') return true; // WebAssembly.RuntimeError
    if (e instanceof Error && /^Aborted\(/.test(e.message)) return true;
  }
  return false;
}

/** The curator-facing error for a wasm abort during training. */
export function wasmAbortError(cause: unknown): AppError {
  return new AppError('INTERNAL', 'TF.js (wasm backend) aborted, most likely out of memory: WebAssembly memory is capped at 4 GB', {
    hint: 'Train with a smaller model (lower dim, gatLayers or batchSize), or install @tensorflow/tfjs-node for the native backend.',
    cause,
  });
}
