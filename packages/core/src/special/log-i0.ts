import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { i0eScalar } from './scalar/i0e-scalar.js';
import { i1eScalar } from './scalar/i1e-scalar.js';
import { logI0Scalar } from './scalar/log-i0-scalar.js';

/**
 * log I₀(x), elementwise: the log of the modified Bessel function of order 0, as the von Mises
 * log-normalizer log(2π I₀(κ)) needs it; stable for large |x|, where I₀ overflows.
 *
 * Computed on the host in float64 ({@link logI0Scalar}) and rounded once to float32, on any backend. Even,
 * logI0(0) = 0, +Infinity at ±Infinity. Accuracy: relative error below 1e-7 on [−1e4, 1e4], including
 * tiny |x| where log I₀(x) ≈ x²/4. Gradient: I₁(x)/I₀(x) = i1e(x)/i0e(x) in float64 (±1 at ±Infinity);
 * second derivatives are not implemented (throw).
 *
 * Complexity: one readback and one upload; at most about 40 float64 terms per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`; NaN where the input is NaN.
 * @throws Error naming `logI0` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * logI0([0, 1e-3, 1000]); // [0, 2.5e-7, 995.6273]
 * @see DLMF 10.25.2, 10.40.1.
 * @category Special functions
 */
export function logI0(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('logI0', 'x', x, logI0Scalar, terminalDerivative('logI0', derivative));
}

function derivative(x: number): number {
  if (Math.abs(x) === Number.POSITIVE_INFINITY) return Math.sign(x);
  return i1eScalar(x) / i0eScalar(x);
}
