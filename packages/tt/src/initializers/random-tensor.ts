import type { Seed } from '@proj/core';
import { randomArgs, scaledRandomTT, tensorRawShape } from '../internal/initializers.js';
import type { RankSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';

/** Options of {@link randomTensor}, {@link randomMatrix} and their batch variants. */
export interface RandomTensorOptions {
  /** Required seed; the same seed gives the same TT on every backend. */
  readonly seed: Seed;
  /** TT-rank: one integer for every inner bond or the vector [1, r_1, ..., r_{d−1}, 1]; default 2. */
  readonly ttRank?: RankSpec;
  /** Mean of every dense entry; default 0. Nonzero adds mean·ones: inner ranks + 1 (T3F: NotImplemented). */
  readonly mean?: number;
  /** Standard deviation of every dense entry (≥ 0); default 1. */
  readonly stddev?: number;
}

/**
 * A random TT-tensor whose dense entries have mean `mean` and variance stddev² (T3F `random_tensor`).
 * Cores are iid N(0, s_c²) with s_c = stddev^(1/d)·Π_{k=0..d} r_k^(−1/(2d)): an entry is a sum of
 * Π_{k=1..d−1} r_k products of d independent factors, so its variance is (Π r_k)·s_c^(2d) = stddev² (the
 * entries are not Gaussian for d > 1). A nonzero mean, which T3F rejects with NotImplementedError, is added
 * as mean·ones (T3F's documented workaround), so the inner ranks are r_k + 1.
 *
 * @param shape the modes `[n_1..n_d]`.
 * @returns a TensorTrain with ranks [1, r_1, ..., 1] (+1 on inner bonds when mean ≠ 0).
 * Complexity: O(Σ r_{k−1}·n_k·r_k) random numbers, d op calls (plus d for mean ≠ 0).
 * @throws Error naming `randomTensor` for a bad shape, rank, mean, stddev or a missing/invalid seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const tt = randomTensor([3, 4, 5], { seed: 7, ttRank: 3 }); // entries: mean 0, variance 1
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020:
 *   `t3f.random_tensor`.
 * @category Initializers
 */
export function randomTensor(shape: readonly number[], options: RandomTensorOptions): TensorTrain {
  const fn = 'randomTensor';
  const rawShape = tensorRawShape(shape, fn);
  return scaledRandomTT(rawShape, randomArgs(options, rawShape, fn, false)) as TensorTrain;
}
