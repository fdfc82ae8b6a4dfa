import type * as tf from '@tensorflow/tfjs-core';
import { unaryHostOp } from './internal/host-op.js';
import { digammaScalar } from './scalar/digamma-scalar.js';
import { trigamma } from './trigamma.js';

/**
 * The digamma function ψ(x) = d/dx log Γ(x), elementwise.
 *
 * Computed on the host in float64 ({@link digammaScalar}) and rounded once to float32, on any backend.
 * Conventions of scipy.special.digamma: ψ(+0) = −Infinity, ψ(−0) = +Infinity, NaN at the negative
 * integers. Accuracy: relative error below 1e-7 on x ∈ [1e-6, 1e6], on negative non-integers down to −50,
 * and at the float32 points next to its zeros (1.4616… by the Taylor series there, the negative zeros by
 * reflection). Gradient: {@link trigamma}, itself differentiable.
 *
 * Complexity: one readback and one upload; O(1) float64 work per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`.
 * @throws Error naming `digamma` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * digamma([1, 0.5]); // [−0.5772157, −1.9635100]
 * @see DLMF 5.5.4, 5.11.2; Cephes `psi`.
 * @category Special functions
 */
export function digamma(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('digamma', 'x', x, digammaScalar, trigamma);
}
