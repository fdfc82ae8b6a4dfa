import { constantCores, matrixRawShape } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';

/**
 * The all-ones TT-matrix of raw shape ((m_1..m_d), (n_1..n_d)) (T3F `matrix_ones`): TT-rank 1, every core
 * [1, m_k, n_k, 1] filled with ones; the dense matrix is the (Πm) × (Πn) matrix of ones.
 *
 * @param shape `[rows, columns]`; `[rows, null]` is a column vector (n_k = 1), `[null, columns]` a row vector.
 * @returns a TensorTrain (TT-matrix) with ranks [1, ..., 1].
 * Complexity: O(Σ m_k·n_k) memory, d tensor allocations.
 * @throws Error naming `matrixOnes` unless `shape` is two equally long lists of positive integers (or null), or
 *   for cores beyond 2^28 numbers.
 * @example
 * const ones = matrixOnes([[2, 3], [4, 5]]); // full(ones) is tf.ones([6, 20])
 * @see T3F `t3f.matrix_ones`.
 * @category Initializers
 */
export function matrixOnes(shape: ShapeSpec): TensorTrain {
  return new TensorTrain(constantCores(matrixRawShape(shape, 'matrixOnes'), 1, 1, 'matrixOnes'));
}
