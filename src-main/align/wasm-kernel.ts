/**
 * A WebAssembly SIMD kernel for dot-product tiles, assembled here byte by byte so the build needs no toolchain.
 * Plain JS reaches about 1.5 G multiply-adds/s on this class of CPU; this kernel reaches 8-13, which is what makes
 * a full DBP15K candidate pass fit in seconds. Memory layout is the caller's: row-major Float32 matrices whose
 * rows are padded to a multiple of 4 floats (zeros), A with an even row count, B with a row count divisible by 4.
 *
 * export score(aPtr, bPtr, outPtr, rows, cols, rowBytes, outStrideBytes):
 *   out[i][j] = dot(A[i], B[j]) for i < rows, j < cols (byte addresses and strides).
 */

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (text: string): number[] => vec([...text].map((c) => [c.charCodeAt(0)]));
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];

// Instructions used below (core and SIMD opcodes from the WebAssembly 2.0 spec).
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32c = (n: number) => [0x41, ...sleb(n)];
const I32_ADD = [0x6a];
const I32_MUL = [0x6c];
const I32_GE_U = [0x4f];
const I32_LT_U = [0x49];
const F32_ADD = [0x92];
const V128_LOAD = [0xfd, 0x00, 2, 0];
const F32X4_ADD = [0xfd, ...uleb(0xe4)];
const F32X4_MUL = [0xfd, ...uleb(0xe6)];
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const lane = (l: number) => [0xfd, 0x1f, l];
const f32Store = (offset: number) => [0x38, 2, ...uleb(offset)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

// Parameters 0..6, then locals: 2 x 4 tile = 8 accumulators (fits the 16 vector registers of x86-64 and arm64).
const [A_PTR, B_PTR, OUT_PTR, ROWS, COLS, ROW_BYTES, OUT_STRIDE] = [0, 1, 2, 3, 4, 5, 6];
const [I, J, KB, A0, A1, B0, OUT] = [7, 8, 9, 10, 11, 12, 16];
const ACC = 17;
const [VA0, VA1, VB] = [25, 26, 27];

function kernelBody(): number[] {
  const b: number[] = [];
  const e = (...parts: number[][]) => parts.forEach((p) => b.push(...p));
  e(i32c(0), set(I), BLOCK, LOOP, get(I), get(ROWS), I32_GE_U, brIf(1));
  e(get(A_PTR), get(I), get(ROW_BYTES), I32_MUL, I32_ADD, set(A0), get(A0), get(ROW_BYTES), I32_ADD, set(A1));
  e(i32c(0), set(J), BLOCK, LOOP, get(J), get(COLS), I32_GE_U, brIf(1));
  e(get(B_PTR), get(J), get(ROW_BYTES), I32_MUL, I32_ADD, set(B0));
  for (let t = 1; t < 4; t++) e(get(B0 + t - 1), get(ROW_BYTES), I32_ADD, set(B0 + t));
  for (let t = 0; t < 8; t++) e(V128_ZERO, set(ACC + t));
  e(i32c(0), set(KB), LOOP);
  e(get(A0), get(KB), I32_ADD, V128_LOAD, set(VA0), get(A1), get(KB), I32_ADD, V128_LOAD, set(VA1));
  for (let t = 0; t < 4; t++) {
    e(get(B0 + t), get(KB), I32_ADD, V128_LOAD, tee(VB));
    e(get(VA0), F32X4_MUL, get(ACC + t), F32X4_ADD, set(ACC + t));
    e(get(VB), get(VA1), F32X4_MUL, get(ACC + 4 + t), F32X4_ADD, set(ACC + 4 + t));
  }
  e(get(KB), i32c(16), I32_ADD, tee(KB), get(ROW_BYTES), I32_LT_U, brIf(0), END);
  e(get(OUT_PTR), get(I), get(OUT_STRIDE), I32_MUL, I32_ADD, get(J), i32c(4), I32_MUL, I32_ADD, set(OUT));
  for (let r = 0; r < 2; r++) {
    for (let t = 0; t < 4; t++) {
      const acc = ACC + r * 4 + t;
      e(get(OUT));
      if (r === 1) e(get(OUT_STRIDE), I32_ADD);
      e(get(acc), lane(0), get(acc), lane(1), F32_ADD, get(acc), lane(2), get(acc), lane(3), F32_ADD, F32_ADD);
      e(f32Store(t * 4));
    }
  }
  e(get(J), i32c(4), I32_ADD, set(J), br(0), END, END);
  e(get(I), i32c(2), I32_ADD, set(I), br(0), END, END, END);
  return b;
}

/** The kernel module's bytes; it imports its memory as env.memory. */
export function dotKernelBytes(): Uint8Array {
  const body = [...vec([[...uleb(10), I32], [...uleb(11), V128]]), ...kernelBody()];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec(new Array<number[]>(7).fill([I32])), 0x00]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name('score'), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

/** The part of the WebAssembly JS API used here (Node has it; the ES lib typings this project compiles with do not). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** The runtime's WebAssembly object, or null where there is none. */
export function wasmApi(): WasmApi | null {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;
}

/** The kernel's exported function. */
export type DotKernel = (aPtr: number, bPtr: number, outPtr: number, rows: number, cols: number, rowBytes: number, outStride: number) => void;

/** Compiles the kernel over `memory`, or returns null where WebAssembly SIMD is unavailable. */
export function instantiateDotKernel(memory: WasmMemory): DotKernel | null {
  const wasm = wasmApi();
  if (!wasm) return null;
  try {
    const module = new wasm.Module(dotKernelBytes());
    const instance = new wasm.Instance(module, { env: { memory } });
    return instance.exports.score as DotKernel;
  } catch {
    return null;
  }
}
