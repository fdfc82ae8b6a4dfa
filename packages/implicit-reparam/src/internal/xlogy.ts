import { stopGradient } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { expandTo } from './expand-to.js';

/**
 * c·log(x) with 0·log(0) = 0: the limits of densities with exponents at the edges of their support.
 * Elementwise, broadcasting c against x. Differentiable in c and x: ∂/∂c = log x (also at c = 0), and the
 * entries where c = x = 0 get value 0 and gradient 0, not 0·∞ = NaN (x is replaced by 1 there before the log;
 * the mask is built from inputs with their gradient stopped, as tfjs has no gradient for `equal`).
 */
export function xlogy(c: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(c.shape, x.shape);
    const zero = tf.broadcastTo(tf.logicalAnd(tf.equal(stopGradient(c), 0), tf.equal(stopGradient(x), 0)), shape);
    const broadX = expandTo(x, shape);
    const safeX = tf.where(zero, tf.onesLike(broadX), broadX);
    return tf.where(zero, tf.zerosLike(broadX), tf.mul(c, tf.log(safeX)));
  });
}
