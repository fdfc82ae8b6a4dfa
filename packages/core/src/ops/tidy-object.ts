import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.tidy` for functions that return objects holding tensors (TT objects, tangent vectors, distributions):
 * tidy keeps every tensor reachable from the result through object properties and frees the intermediates.
 * For the exported functions of math packages, which must be memory-neutral.
 *
 * @example
 * const rounded = tidyObject(() => new TensorTrain(cores.map((core) => tf.mul(core, 2))));
 */
export function tidyObject<T extends object>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
