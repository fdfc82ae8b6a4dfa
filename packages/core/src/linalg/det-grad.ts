import * as tf from '@tensorflow/tfjs-core';
import { det } from './det.js';
import { inverseTranspose } from './internal/inverse-transpose.js';

/**
 * Gradient of d = {@link det}(x) given d̄ = dy: x̄ = d̄·d·x⁻ᵀ (Jacobi's formula), from x alone (d recomputed, so
 * that gradients of this gradient are right too). Throws at a singular x.
 */
export function detGrad(x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const scale = tf.reshape(tf.mul(dy, det(x)), [...dy.shape, 1, 1]);
    return tf.mul(scale, inverseTranspose(x, 'det'));
  });
}
