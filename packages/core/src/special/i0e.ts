import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { i0eScalar } from './scalar/i0e-scalar.js';
import { i1eScalar } from './scalar/i1e-scalar.js';

/**
 * The exponentially scaled modified Bessel function of order 0, e^(−|x|) I₀(x), elementwise (the form
 * that does not overflow; I₀ itself overflows float32 near x = 88).
 *
 * Computed on the host in float64 ({@link i0eScalar}) and rounded once to float32, on any backend. Even,
 * i0e(0) = 1, 0 at ±Infinity. Accuracy: relative error below 1e-7 on [−1e4, 1e4]. Gradient:
 * i1e(x) − sign(x)·i0e(x) in float64 (0 at x = 0, the mean of the one-sided slopes ±1); second derivatives
 * are not implemented (throw).
 *
 * Complexity: one readback and one upload; at most about 40 float64 terms per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`; NaN where the input is NaN.
 * @throws Error naming `i0e` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or disposed
 *   tensors.
 * @example
 * i0e([0, 1, -10]); // [1, 0.4657596, 0.1278333]
 * @see DLMF 10.25.2, 10.40.1; Cephes `i0e`.
 * @category Special functions
 */
export function i0e(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('i0e', 'x', x, i0eScalar, terminalDerivative('i0e', derivative));
}

function derivative(x: number): number {
  return i1eScalar(x) - Math.sign(x) * i0eScalar(x);
}
