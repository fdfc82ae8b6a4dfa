import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { tensorRawShape } from '../internal/initializers.js';
import { checkCoreSizes } from '../internal/limits.js';
import { TensorTrain } from '../tensor-train.js';

/**
 * The identity TT-matrix of size N = Π n_k (T3F `eye`): raw shape ((n_1..n_d), (n_1..n_d)), TT-rank 1,
 * core k = I_{n_k} reshaped to [1, n_k, n_k, 1]. The Kronecker product of the core identities is I_N.
 *
 * @param shape the modes `[n_1..n_d]` of both rows and columns.
 * @returns a TensorTrain (TT-matrix) with ranks [1, ..., 1].
 * Complexity: O(Σ n_k²) memory, 2d op calls.
 * @throws Error naming `eye` for a shape that is not a non-empty list of positive integers, or cores beyond
 *   2^28 numbers (Σ n_k²).
 * @example
 * const identity = eye([2, 3]); // full(identity) is tf.eye(6)
 * @see T3F `t3f.eye`.
 * @category Initializers
 */
export function eye(shape: readonly number[]): TensorTrain {
  const [modes] = tensorRawShape(shape, 'eye');
  checkCoreSizes([modes, modes], new Array<number>(modes.length + 1).fill(1), undefined, 'eye');
  return tidyObject(() => new TensorTrain(modes.map((n) => tf.reshape(tf.eye(n), [1, n, n, 1]))));
}
