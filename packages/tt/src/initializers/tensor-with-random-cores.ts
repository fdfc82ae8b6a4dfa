import type { Seed } from '@proj/core';
import { randomArgs, randomCores, tensorRawShape } from '../internal/initializers.js';
import type { RankSpec } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';

/** Options of {@link tensorWithRandomCores} and {@link matrixWithRandomCores}. */
export interface RandomCoresOptions {
  /** Required seed; the same seed gives the same cores on every backend. */
  readonly seed: Seed;
  /** TT-rank: one integer for every inner bond or the vector [1, r_1, ..., r_{d−1}, 1]; default 2. */
  readonly ttRank?: RankSpec;
  /** Mean of every core entry; default 0. */
  readonly mean?: number;
  /** Standard deviation of every core entry (≥ 0); default 1. */
  readonly stddev?: number;
}

/**
 * A TT-tensor whose core entries are iid N(mean, stddev²) (T3F `tensor_with_random_cores`). The dense
 * entries are then not N(mean, stddev²); use {@link randomTensor} for that.
 *
 * Ranks follow T3F: a scalar r means [1, r, ..., r, 1] (for d = 1 just [1, 1]); ranks above the natural
 * bounds are kept, not clamped. Core k is drawn with the k-th seed of `splitSeed(seed, d)`.
 *
 * @param shape the modes `[n_1..n_d]`.
 * @returns a TensorTrain with cores [r_{k−1}, n_k, r_k].
 * Complexity: O(Σ r_{k−1}·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `tensorWithRandomCores` for a bad shape, rank, mean, stddev or a missing/invalid seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const tt = tensorWithRandomCores([4, 5, 6], { seed: 1, ttRank: 3 }); // ranks [1, 3, 3, 1]
 * @see T3F `t3f.tensor_with_random_cores`.
 * @category Initializers
 */
export function tensorWithRandomCores(shape: readonly number[], options: RandomCoresOptions): TensorTrain {
  const fn = 'tensorWithRandomCores';
  const rawShape = tensorRawShape(shape, fn);
  const args = randomArgs(options, rawShape, fn, false);
  return new TensorTrain(randomCores(rawShape, args, args.mean, args.stddev));
}
