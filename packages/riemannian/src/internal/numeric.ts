import * as tf from '@tensorflow/tfjs-core';
import { describe } from './describe.js';

/**
 * A float32 tensor from a numeric argument: a live float32 or int32 tensor, or a rectangular (nested) array of
 * numbers (also a typed array). NaN and ±Infinity are kept (they propagate as in any elementwise product).
 * Call inside a tidy: casts and conversions are new tensors.
 *
 * @throws Error naming `fn` and `arg` for anything else (strings, ragged arrays, bool or string tensors, ...),
 *   `expected` saying what it must be.
 */
export function numericArgument(value: unknown, fn: string, arg: string, expected: string): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed tensor`);
    if (value.dtype !== 'float32' && value.dtype !== 'int32') {
      throw new Error(`${fn}: argument '${arg}' must be ${expected}, got a ${value.dtype} tensor`);
    }
    return value.dtype === 'float32' ? value : tf.cast(value, 'float32');
  }
  const flat = ArrayBuffer.isView(value) && !(value instanceof DataView) ? [...(value as Float32Array)] : value;
  if (!isRectangular(flat)) {
    throw new Error(`${fn}: argument '${arg}' must be ${expected}, got ${describeArray(value)}`);
  }
  return tf.tensor(flat as number[], undefined, 'float32');
}

/** True for an array of numbers, or a non-empty array of rectangular arrays of one shape. */
function isRectangular(value: unknown): boolean {
  return shapeOf(value) !== undefined;
}

function shapeOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.every((x) => typeof x === 'number')) return [value.length];
  const inner = value.map(shapeOf);
  const first = inner[0];
  if (first === undefined || inner.some((s) => s === undefined || s.join(',') !== first.join(','))) return undefined;
  return [value.length, ...first];
}

function describeArray(value: unknown): string {
  if (Array.isArray(value)) return 'an array that is not a rectangular array of numbers';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string '${value}'`;
  return describe(value);
}
