import * as tf from '@tensorflow/tfjs-core';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log N(x; μ, diag σ²) summed over the last axis: Σ_j [−(x_j − μ_j)²/(2σ_j²) − log σ_j − ½ log 2π].
 * Inputs [n, L] (or [K, n, L]) → [n] (or [K, n]). O(size).
 */
export function diagNormalLogProb(x: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(x, mu), sigma);
    return tf.sum(tf.sub(tf.neg(tf.add(tf.mul(0.5, tf.square(z)), tf.log(sigma))), HALF_LOG_TWO_PI), -1);
  });
}
