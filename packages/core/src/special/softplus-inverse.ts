import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { softplusInverseScalar } from './scalar/softplus-inverse-scalar.js';

/**
 * The inverse of softplus, log(e^x − 1), elementwise: softplusInverse(softplus(x)) = x. The usual
 * parametrization of a positive quantity through an unconstrained one.
 *
 * Computed on the host in float64 ({@link softplusInverseScalar}) and rounded once to float32, on any
 * backend. Domain x ≥ 0: −Infinity at 0, NaN for x < 0. Accuracy: relative error below 1e-7 on
 * [1e-10, 80] (tiny x: log x; large x: x, no overflow) and next to the zero x = ln 2. Gradient:
 * 1/(1 − e^(−x)) = −1/expm1(−x) in float64; second derivatives are not implemented (throw).
 *
 * Complexity: one readback and one upload; O(1) float64 work per element.
 *
 * @param x any shape; cast to float32.
 * @returns float32 tensor of the shape of `x`.
 * @throws Error naming `softplusInverse` and `x` for non-numeric input (strings, booleans, ragged arrays, bool tensors)
 *   or disposed tensors.
 * @example
 * softplusInverse([1e-10, 1, 100]); // [−23.02585, 0.5413249, 100]
 * @see TensorFlow Probability `tfp.math.softplus_inverse`.
 * @category Special functions
 */
export function softplusInverse(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp(
    'softplusInverse',
    'x',
    x,
    softplusInverseScalar,
    terminalDerivative('softplusInverse', derivative),
  );
}

function derivative(x: number): number {
  return x >= 0 ? -1 / Math.expm1(-x) : Number.NaN;
}
