import { randomArgs, scaledRandomTT, tensorRawShape } from '../internal/initializers.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import type { RandomTensorOptions } from './random-tensor.js';

/** Options of {@link randomTensorBatch} and {@link randomMatrixBatch}. */
export interface RandomTensorBatchOptions extends RandomTensorOptions {
  /** Number of TT objects B (a positive integer); default 1, as in T3F. */
  readonly batchSize?: number;
}

/**
 * A batch of B independent random TT-tensors whose dense entries have mean `mean` and variance stddev²
 * (T3F `random_tensor_batch`; scaling as in {@link randomTensor}). One `tf.randomNormal` per core draws the
 * whole batch.
 *
 * @param shape the modes `[n_1..n_d]` of every element.
 * @returns a TensorTrainBatch with cores [B, r_{k−1}, n_k, r_k] (+1 on inner ranks when mean ≠ 0).
 * Complexity: O(B·Σ r_{k−1}·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `randomTensorBatch` for a bad shape, rank, batch size, mean, stddev or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const batch = randomTensorBatch([3, 4, 5], { seed: 7, batchSize: 16 });
 * @see T3F `t3f.random_tensor_batch`.
 * @category Initializers
 */
export function randomTensorBatch(shape: readonly number[], options: RandomTensorBatchOptions): TensorTrainBatch {
  const fn = 'randomTensorBatch';
  const rawShape = tensorRawShape(shape, fn);
  return scaledRandomTT(rawShape, randomArgs(options, rawShape, fn, true)) as TensorTrainBatch;
}
