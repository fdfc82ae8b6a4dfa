import type * as tf from '@tensorflow/tfjs-core';
import { binaryHostOp } from './internal/host-op.js';
import { gammaDensity, gammaPartialA } from './internal/incomplete-gamma.js';
import { igammacScalar } from './scalar/igammac-scalar.js';

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x), elementwise with
 * numpy broadcasting: the survival function at x of Gamma(a, 1).
 *
 * Computed on the host in float64 ({@link igammacScalar}) and rounded once to float32, on any backend;
 * deep upper tails are computed directly, not as 1 − P. Domain a > 0, x ≥ 0 (NaN outside). Accuracy:
 * relative error below 1e-7 for a ∈ [1e-3, 1e4] with x within 5√a of a and x/a ∈ [1e-3, 1e3], wherever
 * Q ≥ 1e-30. Gradients: ∂Q/∂x = −x^(a−1) e^(−x)/Γ(a) in log space; ∂Q/∂a by a fourth-order central
 * difference of the float64 function (relative error about 1e-9); both summed back to the input shapes;
 * second derivatives are not implemented (throw).
 *
 * Complexity: one readback per argument and one upload; O(√a) float64 terms per element for a < 100 near
 * x = a, O(1) otherwise; the gradient in a costs 5 evaluations.
 *
 * @param a shape parameter (concentration), broadcastable with `x`; cast to float32.
 * @param x point, broadcastable with `a`; cast to float32.
 * @returns float32 tensor of the broadcast shape.
 * @throws Error naming `igammac` and the argument for non-numeric input (bool tensors included), disposed tensors or
 *   shapes that
 *   do not broadcast.
 * @example
 * igammac(1, [0.5, 1, 2]); // e^(−x): [0.6065307, 0.3678794, 0.1353353]
 * @see DLMF 8.2.4, 8.7.1, 8.9.2, 8.12.3; Temme (1979); Numerical Recipes §6.2; Cephes `igamc`.
 * @category Special functions
 */
export function igammac(a: tf.Tensor | tf.TensorLike, x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return binaryHostOp('igammac', ['a', 'x'], a, x, igammacScalar, {
    first: (s, t) => -gammaPartialA(s, t),
    second: (s, t) => -gammaDensity(s, t),
  });
}
