import * as tf from '@tensorflow/tfjs-core';
import type { TensorTrainBase } from '../tensor-train-base.js';

/**
 * `tf.tidy` for functions that return TT objects: tidy keeps every tensor reachable from the result (it walks
 * object properties, so the cores of a returned TensorTrain survive) and frees the intermediates.
 */
export function tidyTT<T extends TensorTrainBase | readonly TensorTrainBase[]>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
