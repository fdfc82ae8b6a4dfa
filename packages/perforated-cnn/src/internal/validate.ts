import * as tf from '@tensorflow/tfjs-core';

/**
 * A value as error messages show it: primitives as themselves, strings quoted, tensors by dtype and shape
 * (never their data), arrays by length, other values by kind. Never throws.
 */
export function shown(x: unknown): string {
  if (x instanceof tf.Tensor) return x.isDisposed ? 'a disposed tensor' : `a ${x.dtype} tensor [${x.shape.join(',')}]`;
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'function') return 'a function';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  if (x !== null && typeof x === 'object') return (x as object).constructor?.name ?? 'an object';
  return String(x);
}

/**
 * Checks a finite number for which `ok` holds (described by `expected`).
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
function assertNumber(value: unknown, fn: string, arg: string, expected: string, ok: (x: number) => boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new Error(`${fn}: argument '${arg}' must be ${expected}, got ${shown(value)}`);
  }
  return value;
}

/**
 * Checks an integer in [min, max].
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertInteger(value: unknown, fn: string, arg: string, min: number, max = 2 ** 20): number {
  return assertNumber(
    value,
    fn,
    arg,
    `an integer in [${min}, ${max}]`,
    (x) => Number.isInteger(x) && x >= min && x <= max,
  );
}

/** Largest side of a mask grid: 2^14 (a 2^28-position map is far beyond any conv output). */
const MAX_SIDE = 2 ** 14;

/** Largest number of positions of a mask grid: 2^24. */
const MAX_POSITIONS = 2 ** 24;

/**
 * Checks the sides of a mask grid: integers in [1, 2^14] with at most 2^24 positions.
 *
 * @throws Error naming `fn` and the argument otherwise.
 */
export function assertGrid(height: unknown, width: unknown, fn: string): [number, number] {
  const h = assertInteger(height, fn, 'height', 1, MAX_SIDE);
  const w = assertInteger(width, fn, 'width', 1, MAX_SIDE);
  if (h * w > MAX_POSITIONS) {
    throw new Error(`${fn}: argument 'width' makes height·width = ${h * w} positions, more than ${MAX_POSITIONS}`);
  }
  return [h, w];
}

/**
 * Checks a keep fraction (the fraction of positions computed): a number in (0, 1].
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertKeepFraction(value: unknown, fn: string, arg = 'keepFraction'): number {
  return assertNumber(value, fn, arg, 'a number in (0, 1]', (x) => x > 0 && x <= 1);
}

/**
 * Checks one of a list of string values.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertOneOf<T extends string>(value: unknown, fn: string, arg: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !values.includes(value as T)) {
    throw new Error(
      `${fn}: argument '${arg}' must be one of ${values.map((v) => `'${v}'`).join(', ')}, got ${shown(value)}`,
    );
  }
  return value as T;
}

/**
 * Checks a plain object (a config or options object).
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertObject(value: unknown, fn: string, arg: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof tf.Tensor) {
    throw new Error(`${fn}: argument '${arg}' must be an object, got ${shown(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Checks an array or typed array (anything with an integer `length` and indices).
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertArrayLike(value: unknown, fn: string, arg: string, expected: string): ArrayLike<unknown> {
  const ok = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) throw new Error(`${fn}: argument '${arg}' must be ${expected}, got ${shown(value)}`);
  return value as ArrayLike<unknown>;
}
