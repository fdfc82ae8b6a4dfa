import type { Seed } from '@proj/core';
import type { Distribution } from '@proj/core/distributions';
import type * as tf from '@tensorflow/tfjs-core';

/** Draws of the two parts of a weak derivative, [numSamples, ...batchShape, ...eventShape] each. */
export interface WeakDerivativeSamples {
  readonly positive: tf.Tensor;
  readonly negative: tf.Tensor;
}

/**
 * A weak derivative of p(x; θ) with respect to one scalar parameter θ (survey §6 and its table of weak derivatives):
 * ∂θ p(x; θ) = c_θ·(p⁺(x; θ) − p⁻(x; θ)) with densities p⁺, p⁻ and a constant c_θ ≥ 0, so that
 * ∂θ E[f] = c_θ·(E_{p⁺}[f] − E_{p⁻}[f]). For a batched distribution each element of
 * [...batchShape, ...eventShape] is a coordinate with its own θ (the factorized case).
 *
 * @category Weak derivatives
 */
export interface WeakDerivative<D extends Distribution = Distribution> {
  /** c_θ per coordinate, broadcastable to [...batchShape, ...eventShape]. */
  readonly constant: (distribution: D) => tf.Tensor;
  /**
   * Draws of p⁺ and p⁻ per coordinate. With `coupling`, both come from common random numbers (the same
   * underlying draws) wherever the table allows, which lowers the variance of f(x⁺) − f(x⁻) for most costs.
   */
  readonly sample: (distribution: D, numSamples: number, seed: Seed, coupling: boolean) => WeakDerivativeSamples;
}
