import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.tidy` for functions that return objects holding tensors (TT objects, tangent vectors and spaces): tidy
 * keeps every tensor reachable from the result through object properties and frees the intermediates.
 */
export function tidyObject<T extends object>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
