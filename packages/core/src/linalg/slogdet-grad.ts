import * as tf from '@tensorflow/tfjs-core';
import { inverseTranspose } from './internal/inverse-transpose.js';

/** Gradient of {@link slogdet}(x).logAbsDet given its cotangent dy: x̄ = dy·x⁻ᵀ. Throws at a singular x. */
export function slogdetGrad(x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.reshape(dy, [...dy.shape, 1, 1]), inverseTranspose(x, 'slogdet')));
}
