import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/shared/errors';
import { WasmRuntimeError, isWasmAbort, wasmAbortError } from '../../../../src-main/worker/wasm-abort';

describe('wasm aborts', () => {
  it("recognises emscripten's abort, also as the cause of another error", () => {
    const abort = new WasmRuntimeError('Aborted(). Build with -sASSERTIONS for more info.');
    expect(isWasmAbort(abort)).toBe(true);
    expect(isWasmAbort(new Error('Aborted(OOM)'))).toBe(true);
    expect(isWasmAbort(wasmAbortError(abort))).toBe(true);
    expect(isWasmAbort(new AppError('CANCELLED', 'cancelled'))).toBe(false);
    expect(isWasmAbort(new Error('out of range'))).toBe(false);
    expect(isWasmAbort(null)).toBe(false);
  });

  it('tells the curator what to do', () => {
    const error = wasmAbortError(new Error('Aborted()'));
    expect(error.message).toMatch(/out of memory/);
    expect(error.hint).toMatch(/lower dim/);
  });
});
