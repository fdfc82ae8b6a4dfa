import type { Seed } from '@proj/core';
import { varianceScaledMatrix } from '../internal/initializers.js';
import type { RankSpec, ShapeSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';

/** Options of {@link glorotInitializer}, {@link heInitializer} and {@link lecunInitializer}. */
export interface InitializerOptions {
  /** Required seed; the same seed gives the same TT-matrix on every backend. */
  readonly seed: Seed;
  /** TT-rank: one integer for every inner bond or the vector [1, r_1, ..., r_{d−1}, 1]; default 2. */
  readonly ttRank?: RankSpec;
}

/**
 * A random TT-matrix for a TT layer's weights with Glorot (Xavier) scaling (T3F `glorot_initializer`):
 * {@link randomMatrix} with dense entries of mean 0 and variance 2/(n_in + n_out), n_in = Π m_k (rows, the
 * layer's inputs) and n_out = Π n_k (columns, its outputs).
 *
 * @param shape `[inputModes, outputModes]`.
 * @returns a TensorTrain (TT-matrix).
 * Complexity: O(Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `glorotInitializer` for a bad shape, rank or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const w = glorotInitializer([[7, 4, 7, 4], [5, 5, 5, 5]], { seed: 0, ttRank: 4 }); // 784 × 625
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks",
 *   AISTATS 2010; T3F `t3f.glorot_initializer`.
 * @category Initializers
 */
export function glorotInitializer(shape: ShapeSpec, options: InitializerOptions): TensorTrain {
  return varianceScaledMatrix(shape, options, 'glorotInitializer', (nIn, nOut) => 2 / (nIn + nOut));
}
