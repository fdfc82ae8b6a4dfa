import type * as tf from '@tensorflow/tfjs-core';
import { binaryHostOp } from './internal/host-op.js';
import { gammaDensity, gammaPartialA } from './internal/incomplete-gamma.js';
import { igammaScalar } from './scalar/igamma-scalar.js';

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), elementwise with numpy
 * broadcasting: the CDF at x of Gamma(a, 1).
 *
 * Computed on the host in float64 ({@link igammaScalar}) and rounded once to float32, on any backend.
 * Domain a > 0, x ≥ 0 (NaN outside; scipy instead returns 1 at a = 0). Accuracy: relative error below 1e-7
 * for a ∈ [1e-3, 1e4] with x within 5√a of a and x/a ∈ [1e-3, 1e3], wherever P ≥ 1e-30 (smaller values
 * are below what float32 holds to 1e-5). Gradients: ∂P/∂x = x^(a−1) e^(−x)/Γ(a) in log space;
 * ∂P/∂a by a fourth-order central difference of the float64 function (relative error about 1e-9);
 * both summed back to the input shapes; second derivatives are not implemented (throw).
 *
 * Complexity: one readback per argument and one upload; O(√a) float64 terms per element for a < 100 near
 * x = a, O(1) otherwise; the gradient in a costs 5 evaluations.
 *
 * @param a shape parameter (concentration), broadcastable with `x`; cast to float32.
 * @param x point, broadcastable with `a`; cast to float32.
 * @returns float32 tensor of the broadcast shape.
 * @throws Error naming `igamma` and the argument for non-numeric input (bool tensors included), disposed tensors or
 *   shapes that do
 *   not broadcast.
 * @example
 * igamma(1, [0.5, 1, 2]); // 1 − e^(−x): [0.3934693, 0.6321206, 0.8646647]
 * @see DLMF 8.2.4, 8.7.1, 8.9.2, 8.12.3; Numerical Recipes §6.2; Cephes `igam`.
 * @category Special functions
 */
export function igamma(a: tf.Tensor | tf.TensorLike, x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return binaryHostOp('igamma', ['a', 'x'], a, x, igammaScalar, { first: gammaPartialA, second: gammaDensity });
}
