import * as tf from '@tensorflow/tfjs-core';

/**
 * `t` broadcast to `shape`, differentiably, as t + zeros(shape): the gradient is one reduction of the broadcast
 * axes (tfjs's own BroadcastTo gradient took 12 s for 1e5 elements on wasm). `t` itself when the shapes agree.
 */
export function expandTo(t: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const same = t.rank === shape.length && t.shape.every((size, i) => size === shape[i]);
  return same ? t : tf.add(t, tf.zeros([...shape]));
}
