import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';

/**
 * Converts an argument of a public op to a float32 tensor (tfjs's `convertToTensor` with our naming): errors
 * name the op and the argument. Numeric input only: a number, nested arrays of numbers (rectangular), a
 * Float32Array / Int32Array, or a float32 or int32 tensor (cast to float32; every op here computes in floating
 * point). Strings, booleans, ragged or non-numeric arrays, other objects, and bool, string or complex64
 * tensors throw; so does a disposed tensor. O(size of x) for arrays, O(1) for tensors.
 */
export function toFloatTensor(x: tf.Tensor | tf.TensorLike, arg: string, opName: string): tf.Tensor {
  if (x instanceof tf.Tensor) {
    if (x.isDisposed) throw new Error(`${opName}: argument '${arg}' is a disposed tensor`);
    if (x.dtype !== 'float32' && x.dtype !== 'int32') {
      throw new Error(
        `${opName}: argument '${arg}' must be numeric, got dtype ${x.dtype} (pass a float32 or int32 tensor)`,
      );
    }
    return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  }
  if (typeof x === 'number') return tf.scalar(x, 'float32');
  if (x instanceof Float32Array || x instanceof Int32Array) return tf.tensor(x, [x.length], 'float32');
  if (Array.isArray(x)) {
    const shape = numericShape(x);
    if (shape !== undefined) return tf.tensor(x as tf.TensorLike, shape, 'float32');
    throw new Error(
      `${opName}: argument '${arg}' must be numeric: nested arrays of numbers, all rows of equal length, got ${describeValue(x)}`,
    );
  }
  throw new Error(
    `${opName}: argument '${arg}' must be numeric (a number, nested number arrays or a float32/int32 tensor), got ${describeValue(x)}`,
  );
}

/**
 * The shape of a rectangular nested array of numbers, or undefined when it is ragged or holds anything else.
 * O(number of entries).
 */
export function numericShape(x: readonly unknown[]): number[] | undefined {
  const shape: number[] = [];
  for (let level: unknown = x; Array.isArray(level); level = level[0]) shape.push(level.length);
  const check = (value: unknown, depth: number): boolean => {
    if (depth === shape.length) return typeof value === 'number';
    return Array.isArray(value) && value.length === shape[depth] && value.every((item) => check(item, depth + 1));
  };
  return check(x, 0) ? shape : undefined;
}
