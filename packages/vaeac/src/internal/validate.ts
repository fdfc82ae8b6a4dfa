import * as tf from '@tensorflow/tfjs-core';

/**
 * A value as error messages show it: primitives as themselves, strings quoted, arrays by length, tensors by
 * dtype and shape, other values by kind. Never throws.
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
export function assertNumber(
  value: unknown,
  fn: string,
  arg: string,
  expected: string,
  ok: (x: number) => boolean,
): number {
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
export function assertInteger(value: unknown, fn: string, arg: string, min: number, max = 2 ** 24): number {
  return assertNumber(
    value,
    fn,
    arg,
    `an integer in [${min}, ${max}]`,
    (x) => Number.isInteger(x) && x >= min && x <= max,
  );
}

/**
 * Checks a probability in [0, 1].
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertProbability(value: unknown, fn: string, arg: string): number {
  return assertNumber(value, fn, arg, 'a number in [0, 1]', (x) => x >= 0 && x <= 1);
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
 * Checks a plain object (an options bag).
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
 * Checks a function (a callback option); `undefined` passes.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertOptionalFunction(value: unknown, fn: string, arg: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new Error(`${fn}: argument '${arg}' must be a function, got ${shown(value)}`);
  }
}

/**
 * Checks a Float32Array of exactly `length` entries.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertFloat32Array(
  value: unknown,
  fn: string,
  arg: string,
  length: number,
  what: string,
): Float32Array {
  if (!(value instanceof Float32Array)) {
    throw new Error(`${fn}: argument '${arg}' must be a Float32Array (${what}), got ${shown(value)}`);
  }
  if (value.length !== length) {
    throw new Error(`${fn}: argument '${arg}' must have ${length} entries (${what}), got ${value.length}`);
  }
  return value;
}

/**
 * Checks live, non-empty float32 tensors of one shape (rank ≥ `minRank`); `names` are the argument names.
 *
 * @throws Error naming `fn` and the first bad argument otherwise.
 */
export function assertFloatTensors(
  fn: string,
  names: readonly string[],
  values: readonly unknown[],
  minRank = 1,
): tf.Tensor[] {
  const first = values[0];
  values.forEach((value, i) => {
    const ok =
      value instanceof tf.Tensor &&
      !value.isDisposed &&
      value.dtype === 'float32' &&
      value.size > 0 &&
      value.rank >= minRank &&
      (i === 0 || (first instanceof tf.Tensor && tf.util.arraysEqual(value.shape, first.shape)));
    if (!ok) {
      const same = i === 0 ? '' : ` of the shape of '${names[0]}'`;
      throw new Error(
        `${fn}: argument '${names[i]}' must be a non-empty float32 tensor of rank ≥ ${minRank}${same}, got ${shown(value)}`,
      );
    }
  });
  return values as tf.Tensor[];
}
