import { matrixRawShape, randomArgs, scaledRandomTT } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import type { RandomTensorBatchOptions } from './random-tensor-batch.js';

/**
 * A batch of B independent random TT-matrices whose dense entries have mean `mean` and variance stddev²
 * (T3F `random_matrix_batch`; scaling as in {@link randomMatrix}). One `tf.randomNormal` per core.
 *
 * @param shape `[rows, columns]` mode lists of every element; either may be null (all ones).
 * @returns a TensorTrainBatch with cores [B, r_{k−1}, m_k, n_k, r_k].
 * Complexity: O(B·Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `randomMatrixBatch` for a bad shape, rank, batch size, mean, stddev or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const a = randomMatrixBatch([[10, 10], [10, 10]], { seed: 3, ttRank: 10, batchSize: 10 });
 * @see T3F `t3f.random_matrix_batch`.
 * @category Initializers
 */
export function randomMatrixBatch(shape: ShapeSpec, options: RandomTensorBatchOptions): TensorTrainBatch {
  const fn = 'randomMatrixBatch';
  const rawShape = matrixRawShape(shape, fn);
  return scaledRandomTT(rawShape, randomArgs(options, rawShape, fn, true)) as TensorTrainBatch;
}
