import * as tf from '@tensorflow/tfjs-core';

/**
 * c·log(x) with 0·log(0) = 0 (where c = 0 the result is 0 for every x ≥ 0): the limits of densities with
 * exponents at the edges of their support. Elementwise, broadcasting c against x.
 */
export function xlogy(c: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const product = tf.mul(c, tf.log(x));
  const zero = tf.broadcastTo(tf.equal(c, 0), product.shape);
  return tf.where(zero, tf.zerosLike(product), product);
}
