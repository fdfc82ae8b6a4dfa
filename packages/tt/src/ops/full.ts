import { permute } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { MAX_TENSOR_SIZE } from '../internal/limits.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * The dense tensor (or matrix) a TT object represents (T3F `full`).
 *
 * TT-tensor: [n_1, ..., n_d]; TT-matrix: [Πm, Πn]; batch: a leading [B] axis. Contracts the cores left to
 * right, one (batched) matMul per core: res ← reshape(res, [·, r_{k−1}]) · reshape(G_k, [r_{k−1}, ·]); for a
 * TT-matrix the interleaved axes (m_1, n_1, …, m_d, n_d) are then transposed to (m_1..m_d, n_1..n_d), in
 * passes of at most 4 axes (wasm's transpose of more axes is ~20x slower).
 * Differentiable with respect to the cores.
 *
 * Complexity: O(Σ_k (Π_{j≤k} n_j)·r_{k−1}·r_k) flops, d matMuls.
 *
 * @throws Error when the dense result would exceed 2^28 elements (use gatherND or flatInner instead).
 */
export function full(tt: TensorTrain | TensorTrainBatch): tf.Tensor {
  const batch = assertTT(tt, 'full', 'tt');
  const size = tt.shape.reduce((a, b) => a * b, 1n);
  if (size > BigInt(MAX_TENSOR_SIZE)) {
    throw new Error(
      `full: the dense result would have ${size} elements (shape [${tt.shape.join(',')}]); the limit is 2^28`,
    );
  }
  return tf.tidy(() => {
    const b = batch ?? 1;
    let result = tf.reshape(tt.cores[0]!, [b, -1, tt.ranks[1]!]);
    for (let k = 1; k < tt.ndims; k++) {
      const core = tf.reshape(tt.cores[k]!, [b, tt.ranks[k]!, -1]);
      result = tf.reshape(tf.matMul(result, core), [b, -1, tt.ranks[k + 1]!]);
    }
    const leading = batch === undefined ? [] : [batch];
    if (!tt.isMatrix) return tf.reshape(result, [...leading, ...tt.rawShape[0]]);
    const [m, n] = tt.rawShape as readonly [readonly number[], readonly number[]];
    const interleaved = [b, ...m.flatMap((mk, k) => [mk, n[k]!])];
    const order = [0, ...m.map((_, k) => 1 + 2 * k), ...n.map((_, k) => 2 + 2 * k)];
    const rows = m.reduce((x, y) => x * y, 1);
    const columns = n.reduce((x, y) => x * y, 1);
    return permute(result, interleaved, order, [...leading, rows, columns]);
  });
}
