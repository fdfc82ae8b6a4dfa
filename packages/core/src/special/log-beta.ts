import type * as tf from '@tensorflow/tfjs-core';
import { binaryHostOp } from './internal/host-op.js';
import { digammaDifference } from './internal/polygamma.js';
import { logBetaScalar } from './scalar/log-beta-scalar.js';

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), elementwise with numpy broadcasting.
 *
 * Computed on the host in float64 ({@link logBetaScalar}) and rounded once to float32, on any backend.
 * Domain a, b > 0: +Infinity when one is 0, −Infinity when one is +Infinity, NaN for negative arguments.
 * Accuracy: relative error below 1e-7 for a, b ∈ [1e-3, 1e4], for one argument up to 1e8 and the other
 * down to 1e-3, and for both up to 1e30 (no cancellation between the log Γ terms). Gradients:
 * ∂/∂a = ψ(a) − ψ(a + b), ∂/∂b = ψ(b) − ψ(a + b), computed in float64 without cancellation and summed
 * back to the shapes of `a` and `b`; second derivatives are not implemented (throw).
 *
 * Complexity: one readback per argument and one upload; O(1) float64 work per element.
 *
 * @param a any shape broadcastable with `b`; cast to float32.
 * @param b any shape broadcastable with `a`; cast to float32.
 * @returns float32 tensor of the broadcast shape.
 * @throws Error naming `logBeta` and the argument for non-numeric input (bool tensors included), disposed tensors or
 *   shapes that
 *   do not broadcast.
 * @example
 * logBeta([1, 2, 0.5], 2); // [−0.6931472, −1.7917595, 0.2876821]
 * @see DLMF 5.12.1, 5.11.1; TensorFlow Probability `tfp.math.lbeta`.
 * @category Special functions
 */
export function logBeta(a: tf.Tensor | tf.TensorLike, b: tf.Tensor | tf.TensorLike): tf.Tensor {
  return binaryHostOp('logBeta', ['a', 'b'], a, b, logBetaScalar, {
    first: (u, v) => partial(u, v),
    second: (u, v) => partial(v, u),
  });
}

/** ∂ log B(u, v)/∂u = ψ(u) − ψ(u + v); NaN outside u, v ≥ 0. */
function partial(u: number, v: number): number {
  if (!(u >= 0 && v >= 0)) return Number.NaN;
  return -digammaDifference(u, v);
}
