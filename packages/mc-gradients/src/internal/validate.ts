import type { Distribution } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The most draws one call takes (2^24 = 16,777,216): per-sample tensors are [N, ...paramShape], and a larger N
 * would exhaust memory (or abort the wasm backend) instead of failing with a message. Split larger runs into
 * several calls with different seeds.
 */
export const MAX_SAMPLES = 2 ** 24;

/** The most elements a tensor may have: tfjs indexes them with 32-bit integers. */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * A value as error messages show what was passed: primitives as themselves, strings quoted, tensors by dtype
 * and shape (never their data: a disposed tensor cannot be printed), arrays as JSON, other values by kind.
 * Never throws.
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
 * Checks an integer count of at least `min` (`expected` describes it: "a positive integer") and at most
 * {@link MAX_SAMPLES} draws.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertCount(value: unknown, fn: string, arg: string, expected: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${fn}: argument '${arg}' must be ${expected}, got ${shown(value)}`);
  }
  if (value > MAX_SAMPLES) {
    throw new Error(
      `${fn}: argument '${arg}' must be at most ${MAX_SAMPLES} (2^24) draws per call, got ${value}; split larger runs into calls with different seeds`,
    );
  }
  return value;
}

/**
 * Checks a finite number in a range given by `ok` (described by `expected`).
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
 * Checks an output shape: a list of non-negative integers with fewer than 2^31 elements in all, times
 * `perElement` (what the function allocates per output element).
 *
 * @throws Error naming `fn` otherwise.
 */
export function assertShape(shape: unknown, fn: string, perElement = 1): readonly number[] {
  if (!Array.isArray(shape) || !shape.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    throw new Error(`${fn}: argument 'shape' must be a list of non-negative integers, got ${shown(shape)}`);
  }
  const size = shape.reduce((a: number, b: number) => a * b, 1);
  if (size * perElement > MAX_ELEMENTS) {
    throw new Error(
      `${fn}: argument 'shape' ${shown(shape)} asks for ${size} draws; at most ${Math.floor(MAX_ELEMENTS / perElement)} fit in one tensor`,
    );
  }
  return shape;
}

/**
 * Checks what a distribution factory returned (`returned`), or a distribution passed directly.
 *
 * @throws Error naming `fn` when it is not a Distribution (of `@proj/core/distributions`).
 */
export function assertDistribution(value: unknown, fn: string, returned = true): Distribution {
  const d = value as (Partial<Record<'sample' | 'logProb', unknown>> & { batchShape?: unknown }) | null;
  if (
    d === null ||
    typeof d !== 'object' ||
    typeof d.sample !== 'function' ||
    typeof d.logProb !== 'function' ||
    !Array.isArray(d.batchShape)
  ) {
    throw new Error(
      `${fn}: argument 'distribution' must ${returned ? 'return' : 'be'} a Distribution of @proj/core/distributions (e.g. normal({loc, scale})), got ${shown(value)}`,
    );
  }
  return value as Distribution;
}

/**
 * Checks that every entry of the tensors is finite, with one readback.
 *
 * @throws Error naming `fn` and the first tensor (by name) with a NaN or infinite entry.
 */
export function assertFinite(tensors: Readonly<Record<string, tf.Tensor>>, fn: string, what: string): void {
  const names = Object.keys(tensors);
  if (names.length === 0) return;
  const finite = tf.tidy(() => tf.stack(names.map((name) => tf.all(tf.isFinite(tensors[name]!)))).dataSync());
  const bad = finite.indexOf(0);
  if (bad >= 0) throw new Error(`${fn}: ${what.replace('{name}', names[bad]!)} has NaN or infinite entries`);
}

/**
 * `tf.grads(f)(xs)`, with tfjs's "Cannot compute gradient" (some x does not reach f's value) reworded as an
 * error naming `fn` and saying what does not depend on what (`what`).
 */
export function gradsOf(fn: string, what: string, f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): tf.Tensor[] {
  try {
    return tf.grads(f)(xs);
  } catch (error) {
    if (error instanceof Error && /Cannot compute gradient/.test(error.message)) {
      throw new Error(`${fn}: ${what} (${error.message.split('.')[0]})`, { cause: error });
    }
    throw error;
  }
}
