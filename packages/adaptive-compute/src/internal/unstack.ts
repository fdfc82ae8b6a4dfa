import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.unstack(x, axis)` that is also differentiable when the axis has length 1: tfjs 4.22's tape hands a
 * single-output op's gradient function one tensor instead of a list, and Unpack's gradient (`tf.stack(dy)`)
 * then throws "Argument tensors passed to stack must be a `Tensor[]`". A length-1 axis is squeezed instead
 * (a reshape, whose gradient is a reshape). O(|x|).
 */
export function unstack(x: tf.Tensor, axis: number): tf.Tensor[] {
  return x.shape[axis] === 1 ? [tf.squeeze(x, [axis])] : tf.unstack(x, axis);
}
