import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from './describe.js';

/** Nesting deeper than this is not an array of numbers (and guards against self-containing arrays). */
const MAX_DEPTH = 32;

/**
 * Converts a dense argument to a float32 tensor: a float32 tensor as it is, an int32 tensor cast, a number, a
 * typed array, or rectangular nested arrays of numbers (read as float32). Call inside a tidy.
 *
 * @throws Error naming `fn` and `arg` for a disposed tensor, a tensor of another dtype, ragged arrays, array
 *   entries that are not numbers, or any other value.
 */
export function floatInput(x: unknown, fn: string, arg: string): tf.Tensor {
  if (x instanceof tf.Tensor) {
    if (x.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed tensor`);
    if (x.dtype === 'float32') return x;
    if (x.dtype === 'int32') return tf.cast(x, 'float32');
    throw new Error(`${fn}: argument '${arg}' must be a float32 or int32 tensor, got ${x.dtype}`);
  }
  if (typeof x === 'number') return tf.scalar(x, 'float32');
  if (
    ArrayBuffer.isView(x) &&
    !(x instanceof DataView) &&
    !(x instanceof BigInt64Array || x instanceof BigUint64Array)
  ) {
    return tf.tensor1d(Float32Array.from(x as unknown as ArrayLike<number>), 'float32');
  }
  if (Array.isArray(x)) {
    const { shape, values } = readNested(x, fn, arg);
    return tf.tensor(values, shape, 'float32');
  }
  throw new Error(
    `${fn}: argument '${arg}' must be a tensor, a typed array or (nested) arrays of numbers, got ${describeValue(x)}`,
  );
}

/** The shape and C-order values of rectangular nested arrays of numbers. */
function readNested(x: readonly unknown[], fn: string, arg: string): { shape: number[]; values: Float32Array } {
  const shape: number[] = [];
  for (let level: unknown = x; Array.isArray(level); level = level[0]) {
    if (shape.length === MAX_DEPTH) {
      throw new Error(`${fn}: argument '${arg}' is nested more than ${MAX_DEPTH} levels deep`);
    }
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let offset = 0;
  const walk = (node: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof node !== 'number') {
        throw new Error(`${fn}: argument '${arg}' must hold numbers, got ${describeValue(node)} at ${arg}${path}`);
      }
      values[offset++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new Error(
        `${fn}: argument '${arg}' must be rectangular (a nested array of shape [${shape.join(',')}]), got ${describeValue(node)} at ${arg}${path}`,
      );
    }
    node.forEach((child, i) => {
      walk(child, depth + 1, `${path}[${i}]`);
    });
  };
  walk(x, 0, '');
  return { shape, values };
}
