import { matrixRawShape, randomArgs, scaledRandomTT } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { RandomTensorOptions } from './random-tensor.js';

/**
 * A random TT-matrix whose dense entries have mean `mean` and variance stddev² (T3F `random_matrix`):
 * cores [r_{k−1}, m_k, n_k, r_k] iid N(0, s_c²), s_c = stddev^(1/d)·Π_{k=0..d} r_k^(−1/(2d)) as in
 * {@link randomTensor}; a nonzero mean adds mean·ones (inner ranks + 1; T3F: NotImplemented).
 *
 * @param shape `[rows, columns]` mode lists; either may be null (all ones: a TT-vector).
 * @returns a TensorTrain (TT-matrix).
 * Complexity: O(Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `randomMatrix` for a bad shape, rank, mean, stddev or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const v = randomMatrix([[10, 10, 10], null], { seed: 3, ttRank: 4 }); // a 1000 × 1 TT-vector
 * @see T3F `t3f.random_matrix`.
 * @category Initializers
 */
export function randomMatrix(shape: ShapeSpec, options: RandomTensorOptions): TensorTrain {
  const fn = 'randomMatrix';
  const rawShape = matrixRawShape(shape, fn);
  return scaledRandomTT(rawShape, randomArgs(options, rawShape, fn, false)) as TensorTrain;
}
