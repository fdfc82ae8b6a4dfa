import type * as tf from '@tensorflow/tfjs-core';
import { digamma } from './digamma.js';
import { unaryHostOp } from './internal/host-op.js';
import { lgammaScalar } from './scalar/lgamma-scalar.js';

/**
 * log |Γ(x)|, elementwise: the log of the absolute value of the gamma function.
 *
 * Computed on the host in float64 ({@link lgammaScalar}) and rounded once to float32, on any backend.
 * +Infinity at the poles 0, −1, −2, …; NaN gives NaN. Accuracy: relative error below 1e-7 (the float32
 * rounding) on x ∈ [1e-6, 1e30], near the zeros 1 and 2, and on negative non-integers down to −50
 * including near the zeros there (README accuracy table). Gradient: {@link digamma}, itself differentiable.
 *
 * Complexity: one readback and one upload; O(1) float64 work per element.
 *
 * @param x any shape, `Tensor` or nested arrays; cast to float32.
 * @returns float32 tensor of the shape of `x`.
 * @throws Error naming `lgamma` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * lgamma([0.5, 1, 10]); // [0.5723649, 0, 12.801827]
 * @see DLMF 5.5.3, 5.7.3, 5.11.1; Cephes `lgam`.
 * @category Special functions
 */
export function lgamma(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('lgamma', 'x', x, lgammaScalar, digamma);
}
