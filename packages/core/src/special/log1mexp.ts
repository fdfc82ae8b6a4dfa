import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { log1mexpScalar } from './scalar/log1mexp-scalar.js';

/**
 * log(1 − e^(−|x|)), elementwise, in the convention of TensorFlow Probability's `log1mexp` (the sign of x
 * is ignored): the log-probability of the complement of an event of log-probability −|x|.
 *
 * Computed on the host in float64 ({@link log1mexpScalar}) and rounded once to float32, on any backend.
 * −Infinity at 0, 0 at ±Infinity. Accuracy: relative error below 1e-7 for |x| ∈ [1e-10, 80] (Mächler's
 * switch between log(−expm1(−|x|)) and log1p(−e^(−|x|)) at ln 2). Gradient: sign(x)/expm1(|x|) in
 * float64, NaN at x = 0 (where the value is −Infinity); second derivatives are not implemented (throw).
 *
 * Complexity: one readback and one upload; O(1) float64 work per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`.
 * @throws Error naming `log1mexp` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * log1mexp([1e-10, 1, -1, 50]); // [−23.02585, −0.4586751, −0.4586751, −1.9287498e-22]
 * @see Mächler, "Accurately computing log(1 − exp(−|a|))" (2012); TensorFlow Probability `tfp.math.log1mexp`.
 * @category Special functions
 */
export function log1mexp(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('log1mexp', 'x', x, log1mexpScalar, terminalDerivative('log1mexp', derivative));
}

function derivative(x: number): number {
  return Math.sign(x) / Math.expm1(Math.abs(x));
}
