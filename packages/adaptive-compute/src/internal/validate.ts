import * as tf from '@tensorflow/tfjs-core';

/**
 * A value as error messages show it: primitives as themselves, strings quoted, tensors by dtype and shape
 * (never their data), arrays as JSON, other values by kind. Never throws.
 */
export function shown(x: unknown): string {
  if (x instanceof tf.Tensor) return x.isDisposed ? 'a disposed tensor' : `a ${x.dtype} tensor [${x.shape.join(',')}]`;
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'function') return 'a function';
  if (Array.isArray(x)) {
    try {
      return JSON.stringify(x) ?? 'an array';
    } catch {
      return 'an array';
    }
  }
  if (x !== null && typeof x === 'object') return (x as object).constructor?.name ?? 'an object';
  return String(x);
}

/**
 * Checks a live float32 tensor whose rank is one of `ranks` (any rank when omitted) and, per axis of
 * `shape`, the size given (`undefined`: any size ≥ 1). Empty tensors are refused.
 *
 * @throws Error naming `fn` and `arg` otherwise; `expected` describes the wanted shape ("[B, H, W, C]").
 */
export function assertFloatTensor(
  value: unknown,
  fn: string,
  arg: string,
  expected: string,
  ranks?: readonly number[],
  shape: readonly (number | undefined)[] = [],
): tf.Tensor {
  const ok =
    value instanceof tf.Tensor &&
    !value.isDisposed &&
    value.dtype === 'float32' &&
    value.size > 0 &&
    (ranks === undefined || ranks.includes(value.rank)) &&
    shape.every((size, axis) => size === undefined || value.shape[axis] === size);
  if (!ok) throw new Error(`${fn}: argument '${arg}' must be a float32 tensor ${expected}, got ${shown(value)}`);
  return value as tf.Tensor;
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
export function assertInteger(value: unknown, fn: string, arg: string, min: number, max = 2 ** 20): number {
  return assertNumber(
    value,
    fn,
    arg,
    `an integer in [${min}, ${max}]`,
    (x) => Number.isInteger(x) && x >= min && x <= max,
  );
}

/**
 * Checks ε of the halting rule: a number in (0, 1) (ACT uses 0.01).
 *
 * @throws Error naming `fn` and `options.eps` otherwise.
 */
export function assertEps(value: unknown, fn: string): number {
  return assertNumber(value, fn, 'options.eps', 'a number in (0, 1)', (x) => x > 0 && x < 1);
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
 * Checks a boolean.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertBoolean(value: unknown, fn: string, arg: string): boolean {
  if (typeof value !== 'boolean')
    throw new Error(`${fn}: argument '${arg}' must be true or false, got ${shown(value)}`);
  return value;
}

/**
 * Checks an instance of `type` (a params class of this package) whose tensors are all alive.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertInstance<T>(
  value: unknown,
  type: abstract new (...args: never[]) => T,
  fn: string,
  arg: string,
  variables: (value: T) => readonly tf.Tensor[],
): T {
  if (!(value instanceof type)) throw new Error(`${fn}: argument '${arg}' must be a ${type.name}, got ${shown(value)}`);
  if (variables(value).some((v) => v.isDisposed)) {
    throw new Error(`${fn}: argument '${arg}' holds a disposed variable`);
  }
  return value;
}

/**
 * Checks a plain object (a config).
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertObject(value: unknown, fn: string, arg: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof tf.Tensor) {
    throw new Error(`${fn}: argument '${arg}' must be an object, got ${shown(value)}`);
  }
  return value as Record<string, unknown>;
}
