import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensors } from '../internal/validate.js';

/**
 * Closed-form KL(q ‖ p) between diagonal Gaussians, summed over the last axis:
 * Σ_j [log(σ_p/σ_q) + (σ_q² + (μ_q − μ_p)²)/(2σ_p²) − ½]. Inputs [n, L] (any matching shapes, σ > 0) → [n].
 * O(n·L). Reference: Ivanov et al. 2019, eq. (4) (the KL term of the VAEAC bound).
 *
 * @throws Error naming `diagGaussianKl` and the argument for anything but live float32 tensors of one shape.
 */
export function diagGaussianKl(muQ: tf.Tensor, sigmaQ: tf.Tensor, muP: tf.Tensor, sigmaP: tf.Tensor): tf.Tensor {
  assertFloatTensors('diagGaussianKl', ['muQ', 'sigmaQ', 'muP', 'sigmaP'], [muQ, sigmaQ, muP, sigmaP]);
  return tf.tidy(() => {
    const ratio = tf.div(tf.add(tf.square(sigmaQ), tf.squaredDifference(muQ, muP)), tf.mul(2, tf.square(sigmaP)));
    return tf.sum(tf.sub(tf.add(tf.log(tf.div(sigmaP, sigmaQ)), ratio), 0.5), -1);
  });
}
