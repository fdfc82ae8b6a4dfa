import { matrixRawShape, randomArgs, randomCores } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import type { RandomCoresOptions } from './tensor-with-random-cores.js';

/**
 * A TT-matrix whose core entries are iid N(mean, stddev²) (T3F `matrix_with_random_cores`).
 *
 * @param shape `[rows, columns]` mode lists; either may be null (all ones: a TT-vector).
 * @returns a TensorTrain (TT-matrix) with cores [r_{k−1}, m_k, n_k, r_k].
 * Complexity: O(Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `matrixWithRandomCores` for a bad shape, rank, mean, stddev or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const w = matrixWithRandomCores([[4, 4], [3, 3]], { seed: 1, ttRank: 2, stddev: 0.1 });
 * @see T3F `t3f.matrix_with_random_cores`.
 * @category Initializers
 */
export function matrixWithRandomCores(shape: ShapeSpec, options: RandomCoresOptions): TensorTrain {
  const fn = 'matrixWithRandomCores';
  const rawShape = matrixRawShape(shape, fn);
  const args = randomArgs(options, rawShape, fn, false);
  return new TensorTrain(randomCores(rawShape, args, args.mean, args.stddev));
}
