import type * as tf from '@tensorflow/tfjs-core';
import { betaDensity, betaPartialA, betaPartialB } from './internal/incomplete-beta.js';
import { ternaryHostOp } from './internal/ternary-host-op.js';
import { betaincScalar } from './scalar/betainc-scalar.js';

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), elementwise with numpy
 * broadcasting of the three arguments: the CDF at x of Beta(a, b) (and, through x = ν/(ν + t²), of
 * Student's t).
 *
 * Computed on the host in float64 ({@link betaincScalar}) and rounded once to float32, on any backend.
 * Domain a > 0, b > 0, 0 ≤ x ≤ 1 (NaN outside; scipy instead returns limits at a = 0 or b = 0). Accuracy:
 * relative error below 1e-7 for a, b ∈ [1e-2, 1e3] and x ∈ (0, 1) wherever I ≥ 1e-30. Gradients:
 * ∂I/∂x = x^(a−1) (1 − x)^(b−1)/B(a, b) in log space; ∂I/∂a and ∂I/∂b (what implicit reparameterization of
 * Beta needs) by fourth-order central differences of the float64 function (relative error below 1e-8 in
 * those ranges); all summed back to the input shapes; second derivatives are not implemented (throw).
 *
 * Complexity: one readback per argument and one upload; O(√max(a, b)) float64 terms per element near the
 * mean, fewer away from it; the gradients in a and b cost 5 evaluations each.
 *
 * @param a first shape parameter (concentration of x), broadcastable with `b` and `x`; cast to float32.
 * @param b second shape parameter (concentration of 1 − x), broadcastable; cast to float32.
 * @param x point in [0, 1], broadcastable; cast to float32.
 * @returns float32 tensor of the broadcast shape.
 * @throws Error naming `betainc` and the argument for non-numeric input (bool tensors included), disposed
 *   tensors or shapes that do not broadcast.
 * @example
 * betainc(2, 1, [0.25, 0.5]); // x²: [0.0625, 0.25]
 * @see DLMF 8.17.4, 8.17.22; Numerical Recipes §6.4; Cephes `incbet`; TFP `betainc`.
 * @category Special functions
 */
export function betainc(
  a: tf.Tensor | tf.TensorLike,
  b: tf.Tensor | tf.TensorLike,
  x: tf.Tensor | tf.TensorLike,
): tf.Tensor {
  return ternaryHostOp('betainc', ['a', 'b', 'x'], [a, b, x], betaincScalar, [betaPartialA, betaPartialB, betaDensity]);
}
