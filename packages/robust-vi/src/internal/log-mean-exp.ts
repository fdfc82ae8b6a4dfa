import * as tf from '@tensorflow/tfjs-core';

/**
 * log((1/n) Σᵢ exp(xᵢ)) along `axis` (removed), shifted by the maximum so nothing overflows, with the gradient
 * written out: ∂/∂xᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m) (the softmax weights). A slice that is all −∞ gives −∞ and a
 * zero gradient (not NaN). O(size of x).
 */
export function logMeanExp(x: tf.Tensor, axis: number): tf.Tensor {
  const n = x.shape[axis]!;
  const op = tf.customGrad((...inputs) => {
    const t = inputs[0] as tf.Tensor;
    const save = inputs[1] as tf.GradSaveFunc;
    const max = tf.max(t, axis, true);
    // An all −∞ slice: shift by 0 instead of −∞ (−∞ − (−∞) would be NaN).
    const shift = tf.where(tf.isFinite(max), max, tf.zerosLike(max));
    const shifted = tf.exp(tf.sub(t, shift));
    const total = tf.sum(shifted, axis, true);
    const value = tf.squeeze(tf.sub(tf.add(shift, tf.log(total)), Math.log(n)), [axis]);
    // Softmax weights, zero where the slice is all −∞.
    const weights = tf.div(shifted, tf.where(tf.greater(total, 0), total, tf.onesLike(total)));
    save([weights]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.expandDims(dy, axis), saved[0]!),
    };
  });
  return op(x);
}
