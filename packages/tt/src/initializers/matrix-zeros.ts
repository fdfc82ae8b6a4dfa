import { constantCores, matrixRawShape } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';

/**
 * The all-zeros TT-matrix of raw shape ((m_1..m_d), (n_1..n_d)) (T3F `matrix_zeros`): TT-rank 1, every core
 * [1, m_k, n_k, 1] filled with zeros.
 *
 * @param shape `[rows, columns]`; `[rows, null]` is a column vector (n_k = 1), `[null, columns]` a row vector.
 * @returns a TensorTrain (TT-matrix) with ranks [1, ..., 1].
 * Complexity: O(Σ m_k·n_k) memory, d tensor allocations.
 * @throws Error naming `matrixZeros` unless `shape` is two equally long lists of positive integers (or null), or
 *   for cores beyond 2^28 numbers.
 * @example
 * const zeros = matrixZeros([[2, 3], null]); // a 6 × 1 column of zeros
 * @see T3F `t3f.matrix_zeros`.
 * @category Initializers
 */
export function matrixZeros(shape: ShapeSpec): TensorTrain {
  return new TensorTrain(constantCores(matrixRawShape(shape, 'matrixZeros'), 0, 0, 'matrixZeros'));
}
