import * as tf from '@tensorflow/tfjs-core';

/**
 * The most elements a shape argument may describe: 2³¹ − 1, the int32 range that tfjs kernels index tensors
 * with (and more than a wasm heap of 4 GiB can hold as float32). A larger shape is an error naming the function,
 * never an allocation that fails deep inside a backend (or aborts the wasm process).
 */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * How errors name an argument: `argument 'x'`, or `option 'mean'` for `options.mean`. O(length of the name).
 */
export function subject(arg: string): string {
  return arg.startsWith('options.') ? `option '${arg.slice('options.'.length)}'` : `argument '${arg}'`;
}

/**
 * A short description of any value for error messages (`got …`): numbers as written (`NaN`, `-2`), strings
 * quoted, short number arrays in full (`[2,-2]`), tensors by dtype and shape, everything else by kind. O(1) for
 * all but short arrays.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `the string '${value.length > 24 ? `${value.slice(0, 24)}…` : value}'`;
  if (typeof value === 'function') return 'a function';
  if (value instanceof tf.Tensor) {
    return value.isDisposed ? 'a disposed tensor' : `a ${value.dtype} tensor of shape [${value.shape.join(',')}]`;
  }
  if (Array.isArray(value)) {
    const short = value.length <= 8 && value.every((v) => typeof v === 'number' || typeof v === 'string');
    return short
      ? `[${value.map((v) => (typeof v === 'string' ? `'${v.slice(0, 24)}'` : String(v))).join(',')}]`
      : 'an array';
  }
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return 'an object';
}

function fail(fn: string, arg: string, requirement: string, value: unknown): never {
  throw new Error(`${fn}: ${subject(arg)} must be ${requirement}, got ${describeValue(value)}`);
}

/** Checks that `value` is a number (NaN and ±∞ included: they are numbers with documented results). O(1). */
export function assertNumber(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') fail(fn, arg, 'a number', value);
}

/**
 * Checks that `value` is a finite number within [min, max] (each optional). O(1).
 *
 * @param requirement the wording of the error; default "a finite number" with the bounds.
 */
export function assertFinite(
  fn: string,
  arg: string,
  value: unknown,
  bounds: { readonly min?: number; readonly max?: number } = {},
  requirement?: string,
): asserts value is number {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = bounds;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range =
      bounds.min !== undefined && bounds.max !== undefined
        ? ` in [${min}, ${max}]`
        : bounds.min !== undefined
          ? ` ≥ ${min}`
          : bounds.max !== undefined
            ? ` ≤ ${max}`
            : '';
    fail(fn, arg, requirement ?? `a finite number${range}`, value);
  }
}

/** Checks that `value` is an integer in [min, max] (default: any safe integer ≥ 0). O(1). */
export function assertInteger(
  fn: string,
  arg: string,
  value: unknown,
  bounds: { readonly min?: number; readonly max?: number } = {},
): asserts value is number {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(fn, arg, `an integer in [${min}, ${max}]`, value);
  }
}

/** Checks that `value` is `true` or `false`. O(1). */
export function assertBoolean(fn: string, arg: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') fail(fn, arg, 'a boolean', value);
}

/** Checks that `value` is a string (non-empty unless `allowEmpty`). O(1). */
export function assertString(fn: string, arg: string, value: unknown, allowEmpty = false): asserts value is string {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    fail(fn, arg, allowEmpty ? 'a string' : 'a non-empty string', value);
  }
}

/** Checks that `value` is a function. O(1). */
export function assertFunction(
  fn: string,
  arg: string,
  value: unknown,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') fail(fn, arg, 'a function', value);
}

/** Checks that `value` is a plain object (not null, not an array, not a tensor). O(1). */
export function assertObject(fn: string, arg: string, value: unknown): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof tf.Tensor) {
    fail(fn, arg, 'an object', value);
  }
}

/**
 * Checks a shape argument: an array of non-negative integers describing at most {@link MAX_ELEMENTS} elements
 * (`[2, -2]`, `[2 ** 31, 2]` and `[1e9, 1e9]` are errors naming `fn` and `arg`). Returns a copy. O(rank).
 */
export function assertShape(fn: string, arg: string, value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((size) => Number.isInteger(size) && size >= 0)) {
    fail(fn, arg, 'an array of non-negative integers', value);
  }
  const size = (value as number[]).reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) {
    throw new Error(
      `${fn}: ${subject(arg)} [${value.join(',')}] describes ${size} elements, more than the ${MAX_ELEMENTS} a tensor can hold`,
    );
  }
  return [...(value as number[])];
}

/** What {@link assertTensor} requires besides a live tensor. */
export interface TensorRequirements {
  /** Allowed dtypes; default float32 and int32 (the numeric ones). */
  readonly dtypes?: readonly tf.DataType[];
  /** Exact rank. */
  readonly rank?: number;
  /** Smallest rank. */
  readonly minRank?: number;
}

/**
 * Checks that `value` is a tensor that is not disposed, of an allowed dtype (default float32 or int32) and
 * rank. O(1).
 */
export function assertTensor(
  fn: string,
  arg: string,
  value: unknown,
  requirements: TensorRequirements = {},
): asserts value is tf.Tensor {
  const { dtypes = ['float32', 'int32'], rank, minRank } = requirements;
  const ok =
    value instanceof tf.Tensor &&
    !value.isDisposed &&
    dtypes.includes(value.dtype) &&
    (rank === undefined || value.rank === rank) &&
    (minRank === undefined || value.rank >= minRank);
  if (!ok) {
    // The wording is built only on failure: these checks run on every call of hot primitives.
    const ranked = rank !== undefined ? ` of rank ${rank}` : minRank !== undefined ? ` of rank ≥ ${minRank}` : '';
    fail(fn, arg, `a ${dtypes.join(' or ')} tensor${ranked}`, value);
  }
}
