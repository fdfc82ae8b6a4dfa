import { randomArgs, randomCores, tensorRawShape } from '../internal/initializers.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import type { RandomCoresOptions } from './tensor-with-random-cores.js';

/** Options of {@link tensorBatchWithRandomCores} and {@link matrixBatchWithRandomCores}. */
export interface RandomCoresBatchOptions extends RandomCoresOptions {
  /** Number of TT objects B (a positive integer); default 1, as in T3F. */
  readonly batchSize?: number;
}

/**
 * A batch of B TT-tensors whose core entries are iid N(mean, stddev²) (T3F
 * `tensor_batch_with_random_cores`). One `tf.randomNormal` per core draws the whole batch.
 *
 * @param shape the modes `[n_1..n_d]` of every element.
 * @returns a TensorTrainBatch with cores [B, r_{k−1}, n_k, r_k].
 * Complexity: O(B·Σ r_{k−1}·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `tensorBatchWithRandomCores` for a bad shape, rank, batch size, mean, stddev or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const batch = tensorBatchWithRandomCores([4, 5], { seed: 1, batchSize: 8 });
 * @see T3F `t3f.tensor_batch_with_random_cores`.
 * @category Initializers
 */
export function tensorBatchWithRandomCores(
  shape: readonly number[],
  options: RandomCoresBatchOptions,
): TensorTrainBatch {
  const fn = 'tensorBatchWithRandomCores';
  const rawShape = tensorRawShape(shape, fn);
  const args = randomArgs(options, rawShape, fn, true);
  return new TensorTrainBatch(randomCores(rawShape, args, args.mean, args.stddev));
}
