import { constantCores, tensorRawShape } from '../internal/initializers.js';
import { TensorTrain } from '../tensor-train.js';

/**
 * The all-zeros TT-tensor of shape (n_1..n_d) (T3F `tensor_zeros`): TT-rank 1, every core [1, n_k, 1] filled
 * with zeros.
 *
 * @param shape the modes `[n_1..n_d]`, positive integers.
 * @returns a TensorTrain with ranks [1, ..., 1].
 * Complexity: O(Σ n_k) memory, d tensor allocations.
 * @throws Error naming `tensorZeros` for a shape that is not a non-empty list of positive integers, or cores
 *   beyond 2^28 numbers.
 * @example
 * const zeros = tensorZeros([2, 3, 4]); // full(zeros) is tf.zeros([2, 3, 4])
 * @see T3F `t3f.tensor_zeros`.
 * @category Initializers
 */
export function tensorZeros(shape: readonly number[]): TensorTrain {
  return new TensorTrain(constantCores(tensorRawShape(shape, 'tensorZeros'), 0, 0, 'tensorZeros'));
}
