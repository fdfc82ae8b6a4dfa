import { constantCores, tensorRawShape } from '../internal/initializers.js';
import { TensorTrain } from '../tensor-train.js';

/**
 * The all-ones TT-tensor of shape (n_1..n_d) (T3F `tensor_ones`): TT-rank 1, every core [1, n_k, 1] filled
 * with ones.
 *
 * @param shape the modes `[n_1..n_d]`, positive integers.
 * @returns a TensorTrain with ranks [1, ..., 1].
 * Complexity: O(Σ n_k) memory, d tensor allocations.
 * @throws Error naming `tensorOnes` for a shape that is not a non-empty list of positive integers, or cores
 *   beyond 2^28 numbers.
 * @example
 * const ones = tensorOnes([2, 3, 4]); // full(ones) is tf.ones([2, 3, 4])
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020: `t3f.tensor_ones`.
 * @category Initializers
 */
export function tensorOnes(shape: readonly number[]): TensorTrain {
  return new TensorTrain(constantCores(tensorRawShape(shape, 'tensorOnes'), 1, 1, 'tensorOnes'));
}
