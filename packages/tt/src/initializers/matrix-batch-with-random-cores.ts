import { matrixRawShape, randomArgs, randomCores } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import type { RandomCoresBatchOptions } from './tensor-batch-with-random-cores.js';

/**
 * A batch of B TT-matrices whose core entries are iid N(mean, stddev²) (T3F
 * `matrix_batch_with_random_cores`). One `tf.randomNormal` per core draws the whole batch.
 *
 * @param shape `[rows, columns]` mode lists of every element; either may be null (all ones).
 * @returns a TensorTrainBatch with cores [B, r_{k−1}, m_k, n_k, r_k].
 * Complexity: O(B·Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `matrixBatchWithRandomCores` for a bad shape, rank, batch size, mean, stddev or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const batch = matrixBatchWithRandomCores([[4, 4], null], { seed: 1, batchSize: 8 }); // 8 column vectors
 * @see T3F `t3f.matrix_batch_with_random_cores`.
 * @category Initializers
 */
export function matrixBatchWithRandomCores(shape: ShapeSpec, options: RandomCoresBatchOptions): TensorTrainBatch {
  const fn = 'matrixBatchWithRandomCores';
  const rawShape = matrixRawShape(shape, fn);
  const args = randomArgs(options, rawShape, fn, true);
  return new TensorTrainBatch(randomCores(rawShape, args, args.mean, args.stddev));
}
