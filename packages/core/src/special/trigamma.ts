import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { tetragammaScalar } from './scalar/tetragamma-scalar.js';
import { trigammaScalar } from './scalar/trigamma-scalar.js';

/**
 * The trigamma function ψ′(x) = Σₖ 1/(x + k)², elementwise.
 *
 * Computed on the host in float64 ({@link trigammaScalar}) and rounded once to float32, on any backend.
 * Conventions of scipy.special.polygamma(1, x): +Infinity at 0 and the negative integers. Accuracy:
 * relative error below 1e-7 on x ∈ [1e-6, 1e6] and on negative non-integers down to −50. Gradient: the
 * tetragamma function ψ″ ({@link tetragammaScalar}, −Infinity at the poles), computed on the host; its own
 * gradient is not implemented (throws).
 *
 * Complexity: one readback and one upload; O(1) float64 work per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`; NaN where the input is NaN.
 * @throws Error naming `trigamma` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * trigamma([1, 0.5]); // [1.6449341, 4.9348022]
 * @see DLMF 5.15.1, 5.15.6, 5.15.8.
 * @category Special functions
 */
export function trigamma(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('trigamma', 'x', x, trigammaScalar, terminalDerivative('tetragamma', tetragammaScalar));
}
