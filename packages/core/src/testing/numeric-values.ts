import * as tf from '@tensorflow/tfjs-core';

/** Anything the testing helpers compare: a tensor, a typed array, nested number arrays or a number. */
export type NumericLike = tf.Tensor | Float32Array | Float64Array | Int32Array | Uint8Array | number | NestedNumbers;
/** Nested arrays of numbers, as `tensor.arraySync()` returns them. */
export type NestedNumbers = readonly (number | NestedNumbers)[];

/** Flat float64 values plus shape of a {@link NumericLike}. */
export interface FlatValues {
  readonly values: Float64Array;
  readonly shape: readonly number[];
}

/** Reads a {@link NumericLike} into float64 values and a shape. */
export function flatValues(value: NumericLike, fn: string, arg: string): FlatValues {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed tensor`);
    if (value.dtype === 'string' || value.dtype === 'complex64') {
      throw new Error(`${fn}: argument '${arg}' must be numeric, got dtype ${value.dtype}`);
    }
    return { values: Float64Array.from(value.dataSync() as ArrayLike<number>), shape: value.shape };
  }
  if (typeof value === 'number') return { values: Float64Array.of(value), shape: [] };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return { values: Float64Array.from(value), shape: [value.length] };
  if (Array.isArray(value)) {
    const shape = nestedShape(value, fn, arg);
    return { values: Float64Array.from(flatten(value)), shape };
  }
  throw new Error(`${fn}: argument '${arg}' must be a tensor, typed array, number or nested number array`);
}

function nestedShape(value: NestedNumbers, fn: string, arg: string): number[] {
  const shape: number[] = [];
  let level: NestedNumbers | number = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = (level as NestedNumbers)[0] ?? 0;
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const flat = flatten(value);
  if (flat.length !== size || flat.some((entry) => typeof entry !== 'number')) {
    throw new Error(`${fn}: argument '${arg}' is a ragged or non-numeric nested array`);
  }
  return shape;
}

function flatten(value: NestedNumbers): unknown[] {
  return (value as unknown[]).flat(Number.POSITIVE_INFINITY as 1);
}
