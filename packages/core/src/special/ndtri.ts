import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { LOG_SQRT_2PI } from './internal/math.js';
import { ndtriScalar } from './scalar/ndtri-scalar.js';

/**
 * The standard normal quantile (inverse CDF) Φ⁻¹(p), elementwise.
 *
 * Computed on the host in float64 ({@link ndtriScalar}) and rounded once to float32, on any backend.
 * ndtri(0) = −Infinity, ndtri(1) = +Infinity, NaN outside [0, 1]. Accuracy: relative error below 1e-7 for
 * p from 1e-30 to 1 − 1e-7 (the lower tail is inverted from p itself, the upper from 1 − p, exact in
 * float64). Gradient: 1/φ(z) = √(2π) e^(z²/2) with z = Φ⁻¹(p), computed in float64; second derivatives
 * are not implemented (throw).
 *
 * Complexity: one readback and one upload; 2–4 float64 erf/erfc evaluations per element.
 *
 * @param p probabilities, any shape; cast to float32.
 * @returns float32 tensor of the shape of `p`.
 * @throws Error naming `ndtri` and `p` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * ndtri([0.5, 0.975, 1e-30]); // [0, 1.959964, −11.464025]
 * @see DLMF 7.17, 26.2; Cephes `ndtri`.
 * @category Special functions
 */
export function ndtri(p: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('ndtri', 'p', p, ndtriScalar, terminalDerivative('ndtri', derivative));
}

function derivative(p: number): number {
  const z = ndtriScalar(p);
  return Math.exp(LOG_SQRT_2PI + (z * z) / 2);
}
