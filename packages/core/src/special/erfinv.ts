import type * as tf from '@tensorflow/tfjs-core';
import { terminalDerivative, unaryHostOp } from './internal/host-op.js';
import { SQRT_PI } from './internal/math.js';
import { erfinvScalar } from './scalar/erfinv-scalar.js';

/**
 * The inverse error function, elementwise: erf(erfinv(y)) = y.
 *
 * Computed on the host in float64 ({@link erfinvScalar}) and rounded once to float32, on any backend.
 * erfinv(±1) = ±Infinity, NaN outside [−1, 1]. Accuracy: relative error below 1e-7 on [−1, 1], for
 * |y| down to 1e-30 and up to the last float32 below 1 (1 − 6e-8). Gradient: (√π/2) e^(erfinv(y)²),
 * computed in float64; second derivatives are not implemented (throw).
 *
 * Complexity: one readback and one upload; 2–4 float64 erf/erfc evaluations per element.
 *
 * @param y any shape; cast to float32.
 * @returns float32 tensor of the shape of `y`.
 * @throws Error naming `erfinv` and `y` for non-numeric input (strings, booleans, ragged arrays, bool tensors) or
 *   disposed tensors.
 * @example
 * erfinv([0, 0.5, -0.999]); // [0, 0.4769363, −2.3267562]
 * @see DLMF 7.17.
 * @category Special functions
 */
export function erfinv(y: tf.Tensor | tf.TensorLike): tf.Tensor {
  return unaryHostOp('erfinv', 'y', y, erfinvScalar, terminalDerivative('erfinv', derivative));
}

function derivative(y: number): number {
  const w = erfinvScalar(y);
  return (SQRT_PI / 2) * Math.exp(w * w);
}
