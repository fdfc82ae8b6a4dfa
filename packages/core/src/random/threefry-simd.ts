import { threefryKeyParity, threefryUniform } from './threefry-uniform.js';

// Bulk Threefry-2x32 (20 rounds) in WebAssembly SIMD, for the host samplers (which run in JavaScript on every
// backend, so that draws are identical across backends). Why WebAssembly: a Threefry block is ~100 dependent
// 32-bit adds, rotations and xors; JavaScript runs them one block at a time (~30 ns), i32x4 SIMD runs 8 blocks
// per loop iteration in two interleaved vectors and converts them to float64 uniforms in place (~5 ns a
// block), bit-identical. No tfjs op does this (tfjs's random ops use another generator). The module (about
// 2 KiB) is assembled here from its opcodes, so there is no build step or binary file; it is compiled
// synchronously on first use and cached. Where WebAssembly SIMD is unavailable the scalar block is used.

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of an int32. */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const [V128_STORE, V128_CONST, I32X4_SPLAT] = [0x0b, 0x0c, 0x11];
const [V128_OR, V128_XOR, I32X4_SHL, I32X4_SHR_U, I32X4_ADD] = [0x50, 0x51, 0xab, 0xad, 0xae];
const [I8X16_SHUFFLE, F64X2_ADD, F64X2_MUL, F64X2_CONVERT_LOW_I32X4_U] = [0x0d, 0xf0, 0xf2, 0xff];
const [LOCAL_GET, LOCAL_SET, LOCAL_TEE, I32_CONST] = [0x20, 0x21, 0x22, 0x41];
const [I32_ADD, I32_SHL, I32_GE_U, BR_IF, BR, END] = [0x6a, 0x74, 0x4f, 0x0d, 0x0c, 0x0b];

const get = (local: number): number[] => [LOCAL_GET, local];
const set = (local: number): number[] => [LOCAL_SET, local];
const i32 = (value: number): number[] => [I32_CONST, ...sleb(value)];
const splat = (value: number): number[] => {
  const lane = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
  return [...simd(V128_CONST), ...lane, ...lane, ...lane, ...lane];
};
const add = simd(I32X4_ADD);
const f64x2 = (value: number): number[] => {
  const lane = Array.from(new Uint8Array(new Float64Array([value]).buffer));
  return [...simd(V128_CONST), ...lane, ...lane];
};

// Parameters: key0, key1, key2, counter0 of the first element, n (a multiple of 8), counter1, out (bytes).
const [K0P, K1P, K2P, C0P, NP, C1P, OUTP] = [0, 1, 2, 3, 4, 5, 6];
// i32 local: position in the output, in bytes.
const POS = 7;
// v128 locals: keys, counters, the counter1 word with key1, injections into x1 (J1..J5), and two states.
const [K0, K1, K2, COUNTER, X1START, J1] = [8, 9, 10, 11, 12, 13];
const [X0A, X1A, X0B, X1B] = [18, 19, 20, 21];

/** Lanes 2, 3 of an i32x4 moved to lanes 0, 1 (two copies of the vector on the stack → one). */
const HIGH_LANES = [...simd(I8X16_SHUFFLE), 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

/** f64x2 of the two words' lanes (`high`: lanes 2, 3): ((x0 >>> 5)·2²⁶ + (x1 >>> 6) + ½)·2⁻⁵³. */
function uniforms(x0: number, x1: number, high: boolean): number[] {
  const lanes = (x: number, shift: number): number[] => [
    ...get(x),
    ...(high ? [...get(x), ...HIGH_LANES] : []),
    ...i32(shift),
    ...simd(I32X4_SHR_U),
    ...simd(F64X2_CONVERT_LOW_I32X4_U),
  ];
  return [
    ...lanes(x0, 5),
    ...f64x2(2 ** 26),
    ...simd(F64X2_MUL),
    ...lanes(x1, 6),
    ...simd(F64X2_ADD),
    ...f64x2(0.5),
    ...simd(F64X2_ADD),
    ...f64x2(2 ** -53),
    ...simd(F64X2_MUL),
  ];
}

/** Stores the four uniforms of a state at out + position + offset (bytes). */
function store(x0: number, x1: number, offset: number): number[] {
  return [false, true].flatMap((high, k) => [
    ...get(OUTP),
    ...get(POS),
    I32_ADD,
    ...uniforms(x0, x1, high),
    ...simd(V128_STORE),
    4,
    ...uleb(offset + 16 * k),
  ]);
}

/** x0 += x1; x1 = rotl(x1, r) ^ x0. */
function round(x0: number, x1: number, r: number): number[] {
  return [
    ...get(x0),
    ...get(x1),
    ...add,
    LOCAL_TEE,
    x0,
    ...get(x1),
    ...i32(r),
    ...simd(I32X4_SHL),
    ...get(x1),
    ...i32(32 - r),
    ...simd(I32X4_SHR_U),
    ...simd(V128_OR),
    ...simd(V128_XOR),
    ...set(x1),
  ];
}

/** Key injection `injection` (1–5): x0 += ks[i mod 3]; x1 += ks[(i + 1) mod 3] + i. */
function inject(x0: number, x1: number, injection: number): number[] {
  const keys = [K0, K1, K2];
  return [
    ...get(x0),
    ...get(keys[injection % 3]!),
    ...add,
    ...set(x0),
    ...get(x1),
    ...get(J1 + injection - 1),
    ...add,
    ...set(x1),
  ];
}

/** The code of `blocks`: keys and counters set up, then a loop of 8 blocks written as 8 float64 uniforms. */
function body(): number[] {
  const code: number[] = [];
  // K0..K2 = splat(key); COUNTER = splat(counter0) + [0, 1, 2, 3]; X1START = splat(counter1 + key1).
  for (const [k, param] of [K0P, K1P, K2P].entries()) code.push(...get(param), ...simd(I32X4_SPLAT), ...set(K0 + k));
  code.push(...get(C0P), ...simd(I32X4_SPLAT), ...simd(V128_CONST));
  for (const lane of [0, 1, 2, 3]) code.push(lane, 0, 0, 0);
  code.push(...add, ...set(COUNTER));
  code.push(...get(C1P), ...get(K1P), I32_ADD, ...simd(I32X4_SPLAT), ...set(X1START));
  // J_i = ks[(i + 1) mod 3] + i.
  for (let injection = 1; injection <= 5; injection++) {
    code.push(...get([K0, K1, K2][(injection + 1) % 3]!), ...splat(injection), ...add, ...set(J1 + injection - 1));
  }
  code.push(0x02, 0x40, 0x03, 0x40); // block, loop
  code.push(...get(POS), ...get(NP), ...i32(3), I32_SHL, I32_GE_U, BR_IF, 1);
  code.push(...get(COUNTER), ...get(K0), ...add, ...set(X0A), ...get(X1START), ...set(X1A));
  code.push(...get(COUNTER), ...splat(4), ...add, ...get(K0), ...add, ...set(X0B), ...get(X1START), ...set(X1B));
  for (let r = 0; r < 20; r++) {
    code.push(...round(X0A, X1A, ROTATIONS[r % 8]!), ...round(X0B, X1B, ROTATIONS[r % 8]!));
    if (r % 4 === 3) code.push(...inject(X0A, X1A, (r + 1) / 4), ...inject(X0B, X1B, (r + 1) / 4));
  }
  code.push(...store(X0A, X1A, 0), ...store(X0B, X1B, 32));
  code.push(...get(COUNTER), ...splat(8), ...add, ...set(COUNTER));
  code.push(...get(POS), ...i32(64), I32_ADD, ...set(POS), BR, 0, END, END);
  const locals = [2, 1, 0x7f, 14, 0x7b];
  const fn = [...locals, ...code, END];
  return [...uleb(fn.length), ...fn];
}

const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (text: string): number[] => [text.length, ...Array.from(text, (ch) => ch.charCodeAt(0))];

/** The module's bytes: memory (exported as `memory`) and `blocks(key0, key1, key2, counter0, n, counter1, out)`. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 7, ...Array(7).fill(0x7f), 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('blocks'), 0x00, 0]),
    ...section(10, [1, ...body()]),
  ]);
}

interface SimdModule {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly blocks: (k0: number, k1: number, k2: number, c0: number, n: number, c1: number, out: number) => void;
}

/**
 * The part of the global `WebAssembly` object used here, typed locally so that code compiled without the DOM
 * library (Node-only tsconfigs that include this source) typechecks.
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => unknown;
  Instance: new (module: unknown) => { readonly exports: unknown };
}

/** The instantiated module: undefined before first use, null where WebAssembly SIMD is unavailable. */
let cached: SimdModule | null | undefined;

/** The module, instantiated on first use. */
function simdModule(): SimdModule | null {
  if (cached !== undefined) return cached;
  const bytes = moduleBytes();
  cached = null;
  const wasmApi = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasmApi?.validate(bytes)) {
    const instance = new wasmApi.Instance(new wasmApi.Module(bytes));
    cached = instance.exports as SimdModule;
  }
  return cached;
}

/**
 * Fills `out[j][i]` (j < out.length, i < count) with the uniform that `uniformStream(seed, domain, first + i)`
 * draws j-th: ((hi >>> 5)·2²⁶ + (lo >>> 6) + ½)/2⁵³ for Threefry-2x32 (hi, lo) of the counter (first + i, j)
 * under the key (key0, key1). Bit-identical to {@link threefryUniform}; the blocks come from WebAssembly SIMD
 * where available. O(count · out.length). Internal: the words are uint32 by construction and not checked.
 */
export function threefryUniforms(key0: number, key1: number, first: number, out: readonly Float64Array[]): void {
  const count = out[0]?.length ?? 0;
  const key2 = threefryKeyParity(key0, key1);
  const wasm = simdModule();
  if (wasm === null) {
    out.forEach((row, j) => {
      for (let i = 0; i < count; i++) row[i] = threefryUniform(key0, key1, key2, first + i, j);
    });
    return;
  }
  const padded = Math.ceil(count / 8) * 8;
  const pages = Math.ceil((padded * 8) / 65536) - wasm.memory.buffer.byteLength / 65536;
  if (pages > 0) wasm.memory.grow(pages);
  const uniforms = new Float64Array(wasm.memory.buffer, 0, count);
  out.forEach((row, j) => {
    wasm.blocks(key0, key1, key2, first, padded, j, 0);
    row.set(uniforms);
  });
}
