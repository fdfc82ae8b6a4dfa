import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';

/**
 * `tf.tidy` for functions that return objects holding tensors (TT objects, tangent vectors, distributions):
 * tidy keeps every tensor reachable from the result through object properties and frees the intermediates.
 * For the exported functions of math packages, which must be memory-neutral.
 *
 * @throws Error naming `tidyObject` when `fn` is not a function (errors `fn` throws pass through, after its
 *   tensors are freed).
 * @example
 * const rounded = tidyObject(() => new TensorTrain(cores.map((core) => tf.mul(core, 2))));
 */
export function tidyObject<T extends object>(fn: () => T): T {
  if (typeof fn !== 'function')
    throw new Error(`tidyObject: argument 'fn' must be a function, got ${describeValue(fn)}`);
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
