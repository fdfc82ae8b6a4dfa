import * as tf from '@tensorflow/tfjs-core';

/** The most elements a tensor may hold: tfjs indexes tensors with 32-bit integers. */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** The most samples per object one call draws (2^24); draw more in several calls with different seeds. */
export const MAX_SAMPLES = 2 ** 24;

/**
 * A value as error messages show it: primitives as themselves, strings quoted, tensors by dtype and shape (never
 * their data), short number arrays in full, other values by kind. Never throws. O(1) but for short arrays.
 */
export function shown(x: unknown): string {
  if (x instanceof tf.Tensor) return x.isDisposed ? 'a disposed tensor' : `a ${x.dtype} tensor [${x.shape.join(',')}]`;
  if (typeof x === 'string') return `'${x.length > 24 ? `${x.slice(0, 24)}…` : x}'`;
  if (typeof x === 'function') return 'a function';
  if (Array.isArray(x)) {
    return x.length <= 8 && x.every((v) => typeof v === 'number') ? `[${x.join(',')}]` : 'an array';
  }
  if (x !== null && typeof x === 'object') return 'an object';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** How errors name an argument: `argument 'x'`, or `option 'k'` for `options.k`. */
export function subject(arg: string): string {
  return arg.startsWith('options.') ? `option '${arg.slice('options.'.length)}'` : `argument '${arg}'`;
}

/** Throws `fn: argument 'arg' must be <requirement>, got <value>` (`option 'key'` for `options.key`). */
export function fail(fn: string, arg: string, requirement: string, value: unknown): never {
  throw new Error(`${fn}: ${subject(arg)} must be ${requirement}, got ${shown(value)}`);
}

/**
 * Checks that `value` is a live float32 tensor of rank `rank` and returns it.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertFloatTensor(fn: string, arg: string, value: unknown, rank: number): tf.Tensor {
  if (!(value instanceof tf.Tensor) || value.isDisposed || value.dtype !== 'float32' || value.rank !== rank) {
    fail(fn, arg, `a float32 tensor of rank ${rank}`, value);
  }
  return value;
}

/**
 * Checks an integer in [min, max] and returns it.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertInteger(fn: string, arg: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(fn, arg, `an integer in [${min}, ${max}]`, value);
  }
  return value;
}

/**
 * Checks that `options` is a plain object (not null, an array or a tensor).
 *
 * @throws Error naming `fn` otherwise.
 */
export function assertOptionsObject(fn: string, options: unknown): asserts options is Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options) || options instanceof tf.Tensor) {
    fail(fn, 'options', 'an object', options);
  }
}
