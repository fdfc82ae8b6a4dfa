import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../internal/describe.js';

/**
 * A black-box tensor for {@link ttCross}: given B multi-indices as an int32 tensor [B, d] (row p is
 * (i_1..i_d), 0 ≤ i_k < n_k), it returns the B values, either as a tensor of shape [B] (float32 or int32) or on
 * the host as an array of B numbers (`number[]`, `Float32Array`, `Float64Array`: float64 values keep their
 * precision in the cross's host linear algebra). It must be synchronous and deterministic. Tensors it creates,
 * the index tensor and the returned tensor included, are freed after each call (it runs inside `tf.tidy`); read
 * the indices on the host with `indices.dataSync()` when the function is host code.
 */
export type CrossFunction = (indices: tf.Tensor2D) => tf.Tensor | ArrayLike<number>;

/** A {@link CrossFunction} behind a cache: each distinct multi-index is evaluated once. */
export interface CachedFunction {
  /** Values at `count` multi-indices (`rows`: count × d, row-major), float64. */
  readonly evaluate: (rows: Int32Array, count: number) => Float64Array;
  /** The number of distinct multi-indices evaluated so far (the sum of the batch sizes f was called with). */
  readonly evaluations: () => number;
}

/**
 * Wraps `f` with a cache keyed by the multi-index (the linear index when Π n_k ≤ 2^53, else the index list),
 * a check of what it returns, and a count of evaluations. One call of `f` per `evaluate` with the multi-indices
 * not seen before (none: no call).
 *
 * @param sizes the mode sizes (n_1..n_d).
 * @param fn the public function, for error messages.
 * @throws Error naming `fn` and argument 'f' when f returns something other than a numeric tensor of shape [B]
 *   or an array of B numbers, or a NaN or ±Infinity value (naming the multi-index); errors f throws propagate.
 */
export function cachedFunction(f: CrossFunction, sizes: readonly number[], fn: string): CachedFunction {
  const d = sizes.length;
  const cache = new Map<number | string, number>();
  const exact = sizes.reduce((p, n) => p * n, 1) <= Number.MAX_SAFE_INTEGER;
  const keyOf = (rows: Int32Array, p: number): number | string => {
    if (!exact) return rows.subarray(p * d, (p + 1) * d).join(',');
    let key = 0;
    for (let k = 0; k < d; k++) key = key * sizes[k]! + rows[p * d + k]!;
    return key;
  };
  const evaluate = (rows: Int32Array, count: number) => {
    const keys = Array.from({ length: count }, (_, p) => keyOf(rows, p));
    const missing = new Map<number | string, number>();
    keys.forEach((key, p) => {
      if (!cache.has(key) && !missing.has(key)) missing.set(key, p);
    });
    if (missing.size > 0) {
      const batch = new Int32Array(missing.size * d);
      [...missing.values()].forEach((p, q) => {
        batch.set(rows.subarray(p * d, (p + 1) * d), q * d);
      });
      const values = callFunction(f, batch, missing.size, d, fn);
      [...missing.keys()].forEach((key, q) => {
        const value = values[q]!;
        if (!Number.isFinite(value)) {
          const at = [...batch.subarray(q * d, (q + 1) * d)].join(',');
          throw new Error(`${fn}: argument 'f' returned the non-finite value ${value} at the multi-index [${at}]`);
        }
        cache.set(key, value);
      });
    }
    return Float64Array.from(keys, (key) => cache.get(key)!);
  };
  return { evaluate, evaluations: () => cache.size };
}

/** f on a batch of B multi-indices, its result checked and read to the host; its tensors freed. */
function callFunction(f: CrossFunction, batch: Int32Array, count: number, d: number, fn: string): Float64Array {
  let values: Float64Array | undefined;
  tf.tidy(() => {
    const result = f(tf.tensor2d(batch, [count, d], 'int32'));
    values = readValues(result, count, fn);
  });
  return values!;
}

function readValues(result: unknown, count: number, fn: string): Float64Array {
  const expected = `a float32 or int32 tensor of shape [${count}] or an array of ${count} numbers for the batch of ${count} multi-indices`;
  if (result instanceof tf.Tensor) {
    const numeric = result.dtype === 'float32' || result.dtype === 'int32';
    if (result.isDisposed || !numeric || result.rank !== 1 || result.size !== count) {
      throw new Error(`${fn}: argument 'f' must return ${expected}, got ${describeValue(result)}`);
    }
    return Float64Array.from(result.dataSync());
  }
  const arrayLike =
    Array.isArray(result) ||
    result instanceof Float64Array ||
    result instanceof Float32Array ||
    result instanceof Int32Array;
  if (!arrayLike || result.length !== count || !Array.from(result).every((x) => typeof x === 'number')) {
    throw new Error(`${fn}: argument 'f' must return ${expected}, got ${describeValue(result)}`);
  }
  return Float64Array.from(result as ArrayLike<number>);
}
