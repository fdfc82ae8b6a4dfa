import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { i0eScalar } from './scalar/i0e-scalar.js';
import { i1eScalar } from './scalar/i1e-scalar.js';

/**
 * The exponentially scaled modified Bessel function of order 1, e^(−|x|) I₁(x), elementwise.
 *
 * Computed on the host in float64 ({@link i1eScalar}) and rounded once to float32, on any backend. Odd,
 * i1e(0) = 0, ±0 at ±Infinity. Accuracy: relative error below 1e-7 on [−1e4, 1e4]. Gradient:
 * i0e(x) − i1e(x)/x − sign(x)·i1e(x) in float64 (½ at x = 0); second derivatives are not implemented
 * (throw).
 *
 * Complexity: one readback and one upload; at most about 40 float64 terms per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`; NaN where the input is NaN.
 * @throws Error naming `i1e` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or disposed
 *   tensors.
 * @example
 * i1e([0, 1, -10]); // [0, 0.2079104, −0.1212627]
 * @see DLMF 10.25.2, 10.40.1; Cephes `i1e`.
 * @category Special functions
 */
export function i1e(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('i1e', 'x', x, i1eScalar, terminalDerivative('i1e', derivative));
}

function derivative(x: number): number {
  if (x === 0) return 0.5;
  return i0eScalar(x) - i1eScalar(x) / x - Math.sign(x) * i1eScalar(x);
}
