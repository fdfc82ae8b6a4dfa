import * as tf from '@tensorflow/tfjs-core';

/**
 * log(exp(a) + exp(b)) elementwise for a constant a (finite, or −∞ which returns b itself) and a tensor b, as
 * max(a, b) + log1p(exp(−|a − b|)): never forms exp(a) or exp(b), so a, b of any size (±1e4, b = −∞) give finite
 * values. The gradient is written out, ∂/∂b = sigmoid(b − a) (1 for a = −∞, 0 for b = −∞), with no kink at a = b.
 * O(size of b).
 */
export function logAddExpConstant(a: number, b: tf.Tensor): tf.Tensor {
  if (a === Number.NEGATIVE_INFINITY) return tf.clone(b);
  const op = tf.customGrad((...inputs) => {
    const t = inputs[0] as tf.Tensor;
    const save = inputs[1] as tf.GradSaveFunc;
    const value = tf.add(tf.maximum(t, a), tf.log1p(tf.exp(tf.neg(tf.abs(tf.sub(t, a))))));
    save([t]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.sigmoid(tf.sub(saved[0]!, a))),
    };
  });
  return op(b);
}
