import * as tf from '@tensorflow/tfjs-core';

/**
 * A short description of any value for error messages: `undefined`, `null`, numbers as written, a string in
 * quotes, `a function`, a tensor's dtype and shape, a class instance by its class name, short arrays and plain
 * objects as JSON (longer ones by their length). Never throws (BigInts, cycles and getters included).
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return `the string '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (value instanceof tf.Tensor) {
    return value.isDisposed ? 'a disposed tensor' : `a ${value.dtype} tensor of shape [${value.shape.join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    return `a ${(value as object).constructor?.name ?? 'object'}`;
  }
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && json.length <= 80) return json;
  } catch {
    // BigInts or cycles: fall through.
  }
  return Array.isArray(value) ? `an array of length ${value.length}` : 'an object';
}

/** A value as `String` writes it (strings bare), falling back to {@link describeValue} where that throws. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  return describeValue(value);
}

/** `JSON.stringify(value)`, or {@link describeValue} where that throws or gives nothing (BigInts, functions). */
export function jsonValue(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // fall through
  }
  return describeValue(value);
}
