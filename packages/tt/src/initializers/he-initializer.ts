import { varianceScaledMatrix } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { InitializerOptions } from './glorot-initializer.js';

/**
 * A random TT-matrix for a TT layer's weights with He scaling (T3F `he_initializer`): {@link randomMatrix}
 * with dense entries of mean 0 and variance 2/n_in, n_in = Π m_k (rows, the layer's inputs).
 *
 * @param shape `[inputModes, outputModes]`.
 * @returns a TensorTrain (TT-matrix).
 * Complexity: O(Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `heInitializer` for a bad shape, rank or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const w = heInitializer([[7, 4, 7, 4], [5, 5, 5, 5]], { seed: 0 });
 * @see He et al., "Delving Deep into Rectifiers", ICCV 2015; T3F `t3f.he_initializer`.
 * @category Initializers
 */
export function heInitializer(shape: ShapeSpec, options: InitializerOptions): TensorTrain {
  return varianceScaledMatrix(shape, options, 'heInitializer', (nIn) => 2 / nIn);
}
