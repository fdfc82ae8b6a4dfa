import * as tf from '@tensorflow/tfjs-core';
import { assertTensor, describeValue } from '../validation/assert-args.js';
import { backendProfile } from './backend-profile.js';
import { matMul2d } from './mat-mul-2d.js';

/**
 * Row-wise products with selected matrices: out[p] = rows[p] · table[:, index[p], :], for rows [P, r] and a
 * table of S matrices laid out [r, S, r′] (a TT core [r, n, r′] as stored); without `rows`, out[p] is the
 * selected row table[0, index[p], :] (r = 1). → [P, r′]. The step of evaluating a tensor network at sampled
 * entries (TT `gatherND`, tensor completion): one call per core, whatever the size of the tensor.
 *
 * Strategy per backend ({@link backendProfile}): with few slices, a one-hot [P, S] selector and ONE matMul
 * of rows ⊗ selector with the table as stored (its gradient is a matMul too, no scatter); with many, one
 * gather of the P matrices from the table transposed to [S, r′, r] (a small copy) and a broadcast multiply
 * summed over r (wasm's gather costs about 27 ns per value, its GEMM a few). Differentiable in rows and table.
 *
 * Complexity: O(P·r·r′·min(S, g)) for the backend's gather cost g; 3-5 kernels.
 *
 * @param rows [P, r] float32, or undefined for the first factor of a chain.
 * @param table [r, S, r′] float32.
 * @param index P integers in [0, S), read on the host.
 * @throws Error naming `gatherMatMul` and the argument for a table that is not a float32 [r, S, r′] tensor,
 *   rows that are not float32 [P, r], or an index that is not an Int32Array of P values in [0, S). O(P).
 */
export function gatherMatMul(rows: tf.Tensor | undefined, table: tf.Tensor, index: Int32Array): tf.Tensor {
  const fn = 'gatherMatMul';
  assertTensor(fn, 'table', table, { dtypes: ['float32'], rank: 3 });
  const [r, slices, columns] = table.shape as [number, number, number];
  if (!(index instanceof Int32Array)) {
    throw new Error(`${fn}: argument 'index' must be an Int32Array of slice indices, got ${describeValue(index)}`);
  }
  for (let p = 0; p < index.length; p++) {
    const s = index[p]!;
    if (s < 0 || s >= slices) {
      throw new Error(`${fn}: argument 'index' must hold integers in [0, ${slices}), got ${s} at ${p}`);
    }
  }
  if (rows !== undefined) {
    assertTensor(fn, 'rows', rows, { dtypes: ['float32'], rank: 2 });
    if (rows.shape[0] !== index.length || rows.shape[1] !== r) {
      throw new Error(
        `${fn}: argument 'rows' must have shape [${index.length}, ${r}] (one row of r = table.shape[0] per index), got [${rows.shape.join(',')}]`,
      );
    }
  } else if (r !== 1) {
    throw new Error(`${fn}: without 'rows', the table must have r = 1 ([1, S, r′]), got [${table.shape.join(',')}]`);
  }
  const oneHot = slices * (1 + columns / 10) < backendProfile().gatherCostInMultiplyAdds * columns;
  return selectAndMultiply(rows, table, index, oneHot);
}

/** Either strategy of {@link gatherMatMul}, chosen by the caller (the benchmark times both). */
export function selectAndMultiply(
  rows: tf.Tensor | undefined,
  table: tf.Tensor,
  index: Int32Array,
  oneHot: boolean,
): tf.Tensor {
  const [r, slices, columns] = table.shape as [number, number, number];
  const count = index.length;
  return tf.tidy(() => {
    if (oneHot) {
      const hot = new Float32Array(count * slices);
      index.forEach((s, p) => {
        hot[p * slices + s] = 1;
      });
      const selector = tf.tensor2d(hot, [count, slices]);
      const left =
        rows === undefined
          ? selector
          : tf.reshape(tf.mul(tf.reshape(rows, [count, r, 1]), tf.reshape(selector, [count, 1, slices])), [
              count,
              r * slices,
            ]);
      return matMul2d(left, tf.reshape(table, [r * slices, columns]));
    }
    const matrices = tf.transpose(table, [1, 2, 0]);
    const gathered = tf.gather(matrices, tf.tensor1d(index, 'int32'));
    return rows === undefined
      ? tf.reshape(gathered, [count, columns])
      : tf.sum(tf.mul(tf.reshape(rows, [count, 1, r]), gathered), 2);
  });
}
