import * as tf from '@tensorflow/tfjs-core';
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
 * @param index P integers in [0, S), read on the host (validated by the caller).
 */
export function gatherMatMul(rows: tf.Tensor | undefined, table: tf.Tensor, index: Int32Array): tf.Tensor {
  const [, slices, columns] = table.shape as [number, number, number];
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
