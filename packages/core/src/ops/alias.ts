import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';

/**
 * A second tensor handle on the data of `t`, without copying it: a reshape to the same shape shares the data
 * (reference counted) on every backend, where `tf.clone` copies it on wasm. Disposing one handle leaves the
 * other valid. For classes that keep tensors a caller may dispose independently. O(1), 1 kernel.
 *
 * @throws Error naming `alias` when `t` is not a live tensor.
 */
export function alias<T extends tf.Tensor>(t: T): T {
  if (!(t instanceof tf.Tensor) || t.isDisposed) {
    throw new Error(`alias: argument 't' must be a tensor, got ${describeValue(t)}`);
  }
  return tf.reshape(t, t.shape) as T;
}
