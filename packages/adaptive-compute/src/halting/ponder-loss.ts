import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensor, assertNumber, shown } from '../internal/validate.js';

/**
 * The ponder penalty of a network: τ·Σ_blocks mean(ρ_block), the mean over examples (ACT, ρ [B]) or over
 * examples and positions (SACT, ρ [B, H, W]) of each block's ponder cost, summed over blocks, as the
 * mfigurnov/sact training loss adds it. A scalar, differentiable in the halting scores.
 *
 * Complexity: O(Σ |ρ|), 2 kernels per block. Figurnov et al., CVPR 2017, eq. (5).
 *
 * @throws Error naming `ponderLoss` and the argument for an empty list or a non-float32 ρ, τ < 0 or not finite.
 * @example
 * const loss = tf.add(taskLoss, ponderLoss(stages.map((s) => s.ponderCost), 0.01));
 */
export function ponderLoss(ponderCosts: readonly tf.Tensor[], tau: number): tf.Scalar {
  const fn = 'ponderLoss';
  if (!Array.isArray(ponderCosts) || ponderCosts.length === 0) {
    throw new Error(`${fn}: argument 'ponderCosts' must be a non-empty array of tensors, got ${shown(ponderCosts)}`);
  }
  ponderCosts.forEach((rho, i) => {
    assertFloatTensor(rho, fn, `ponderCosts[${i}]`, '[B] or [B, H, W]');
  });
  assertNumber(tau, fn, 'tau', 'a finite number ≥ 0', (t) => t >= 0);
  return tf.tidy(() => tf.mul(tau, tf.addN(ponderCosts.map((rho) => tf.mean(rho)))) as tf.Scalar);
}
