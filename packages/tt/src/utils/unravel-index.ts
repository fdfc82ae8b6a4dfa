import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../internal/describe.js';
import { unravel } from '../internal/unravel.js';
import { isPositiveInteger } from '../shapes.js';

/** The largest int32: mode sizes above it would give coordinates an int32 tensor cannot hold. */
const MAX_INT32 = 2 ** 31 - 1;

/**
 * Multi-indices of linear indices into a tensor of `shape`, in C order (T3F `utils.unravel_index`, NumPy's
 * `unravel_index` stacked as rows): row p is (i_1..i_d) with indices[p] = Σ_k i_k·Π_{j>k} n_j, the last axis
 * varying fastest. The rows are what {@link gatherND} takes, so `gatherND(tt, unravelIndex(linear, shape))`
 * reads a TT-tensor at linear positions. Computed on the host, exactly for indices below 2^53.
 *
 * Unlike T3F, whose modular arithmetic wraps an index ≥ Π n_k or < 0 around silently, such an index is an
 * error.
 *
 * @param indices P linear indices: an int32 tensor of rank 0 or 1, an array of integers or one integer (a
 *   single index gives one row, [1, d], as in T3F).
 * @param shape the modes (n_1..n_d), positive integers below 2^31.
 * @returns an int32 tensor [P, d].
 * Complexity: O(P·d) on the host, one upload.
 * @throws Error naming `unravelIndex` for a shape that is not a non-empty list of positive integers below
 *   2^31, or indices that are not integers in [0, Π n_k).
 * @example
 * unravelIndex([22, 41, 37], [7, 6]); // [[3, 4], [6, 5], [6, 1]]
 * @see T3F `t3f.utils.unravel_index`; NumPy `numpy.unravel_index`.
 * @category Indexing
 */
export function unravelIndex(indices: tf.Tensor | readonly number[] | number, shape: readonly number[]): tf.Tensor {
  const fn = 'unravelIndex';
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((n) => isPositiveInteger(n) && n <= MAX_INT32)) {
    throw new Error(
      `${fn}: argument 'shape' must be a non-empty list of positive integers below 2^31, got ${describeValue(shape)}`,
    );
  }
  const values = readIndices(indices);
  const size = shape.reduce((acc: number, n: number) => acc * n, 1); // may round above 2^53, where indices cannot reach
  const d = shape.length;
  const rows = new Int32Array(values.length * d);
  for (let p = 0; p < values.length; p++) {
    const index = values[p];
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new Error(
        `${fn}: indices[${p}] = ${describeValue(index)} is not an integer in [0, ${size}) for the shape [${shape.join(',')}]`,
      );
    }
    rows.set(unravel(index, shape), p * d);
  }
  return tf.tensor2d(rows, [values.length, d], 'int32');
}

/** The linear indices as host numbers. */
function readIndices(indices: unknown): ArrayLike<unknown> {
  if (typeof indices === 'number') return [indices];
  if (Array.isArray(indices)) return indices;
  if (indices instanceof tf.Tensor && !indices.isDisposed && indices.dtype === 'int32' && indices.rank <= 1) {
    return indices.dataSync();
  }
  throw new Error(
    `unravelIndex: argument 'indices' must be an int32 tensor of rank 0 or 1, an array of integers or an integer, got ${describeValue(indices)}`,
  );
}
