import { varianceScaledMatrix } from '../internal/initializers.js';
import type { ShapeSpec } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { InitializerOptions } from './glorot-initializer.js';

/**
 * A random TT-matrix for a TT layer's weights with LeCun scaling (T3F `lecun_initializer`):
 * {@link randomMatrix} with dense entries of mean 0 and variance 1/n_in, n_in = Π m_k (rows, the inputs).
 *
 * @param shape `[inputModes, outputModes]`.
 * @returns a TensorTrain (TT-matrix).
 * Complexity: O(Σ r_{k−1}·m_k·n_k·r_k) random numbers, d op calls.
 * @throws Error naming `lecunInitializer` for a bad shape, rank or seed, an unknown option, or
 *   cores beyond 2^28 numbers.
 * @example
 * const w = lecunInitializer([[7, 4, 7, 4], [5, 5, 5, 5]], { seed: 0 });
 * @see LeCun et al., "Efficient BackProp", 1998; T3F `t3f.lecun_initializer`.
 * @category Initializers
 */
export function lecunInitializer(shape: ShapeSpec, options: InitializerOptions): TensorTrain {
  return varianceScaledMatrix(shape, options, 'lecunInitializer', (nIn) => 1 / nIn);
}
