import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensors } from '../internal/validate.js';

/** σ_μ of the prior network's regularizer (authors' code: 1e4). */
export const PRIOR_SIGMA_MU = 1e4;
/** σ_σ of the prior network's regularizer (authors' code: 1e-4). */
export const PRIOR_SIGMA_SIGMA = 1e-4;

/**
 * The weak Normal-Gamma log-prior on the prior network's outputs, added to the objective per object:
 * R = −Σ_j μ_j²/(2σ_μ²) + σ_σ·Σ_j (log σ_j − σ_j), with σ_μ = 1e4, σ_σ = 1e-4. Inputs [n, L] → [n]. O(n·L).
 * It keeps the learned prior's μ and σ from drifting to infinity (Ivanov et al. 2019, §4.3.2).
 *
 * @throws Error naming `priorRegularizer` and the argument for anything but live float32 tensors of one shape.
 */
export function priorRegularizer(mu: tf.Tensor, sigma: tf.Tensor): tf.Tensor {
  assertFloatTensors('priorRegularizer', ['mu', 'sigma'], [mu, sigma]);
  return tf.tidy(() => {
    const meanTerm = tf.div(tf.sum(tf.square(mu), -1), -2 * PRIOR_SIGMA_MU ** 2);
    const sigmaTerm = tf.mul(PRIOR_SIGMA_SIGMA, tf.sum(tf.sub(tf.log(sigma), sigma), -1));
    return tf.add(meanTerm, sigmaTerm);
  });
}
