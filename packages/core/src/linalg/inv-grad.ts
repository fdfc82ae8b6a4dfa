import * as tf from '@tensorflow/tfjs-core';
import { inv } from './inv.js';

/**
 * Gradient of y = {@link inv}(x) given ȳ = dy: x̄ = −yᵀ·ȳ·yᵀ (Giles 2008), with y recomputed from x so that
 * gradients of this gradient are right too.
 */
export function invGrad(x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const y = inv(x);
    return tf.neg(tf.matMul(tf.matMul(y, dy, true, false), y, false, true));
  });
}
