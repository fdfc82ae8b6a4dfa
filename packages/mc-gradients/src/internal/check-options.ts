import { assertSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { EstimatorOptions } from '../estimator.js';

/**
 * Checks the options every estimator takes; throws naming the estimator `fn` and the argument. Returns the
 * parameter names in a fixed order.
 */
export function checkOptions<P extends string>(fn: string, options: EstimatorOptions<P>): P[] {
  if (options === null || typeof options !== 'object') throw new Error(`${fn}: argument 'options' must be an object`);
  if (typeof options.cost !== 'function') {
    throw new Error(`${fn}: argument 'cost' must be a function from samples [M, ...] to costs [M]`);
  }
  if (typeof options.distribution !== 'function') {
    throw new Error(`${fn}: argument 'distribution' must be a function from parameters to a Distribution`);
  }
  const params = options.params as Readonly<Record<string, unknown>> | undefined;
  if (params === null || typeof params !== 'object' || Object.keys(params).length === 0) {
    throw new Error(`${fn}: argument 'params' must be an object of named parameter tensors, e.g. {loc, scale}`);
  }
  for (const [name, value] of Object.entries(params)) {
    if (!(value instanceof tf.Tensor) || value.isDisposed || value.dtype !== 'float32') {
      throw new Error(
        `${fn}: parameter '${name}' must be a float32 tensor, got ${
          value instanceof tf.Tensor ? (value.isDisposed ? 'a disposed tensor' : `dtype ${value.dtype}`) : typeof value
        }`,
      );
    }
  }
  if (!Number.isInteger(options.numSamples) || options.numSamples < 1) {
    throw new Error(`${fn}: argument 'numSamples' must be a positive integer, got ${String(options.numSamples)}`);
  }
  assertSeed(options.seed, fn);
  if (options.perSample !== undefined && typeof options.perSample !== 'boolean') {
    throw new Error(`${fn}: argument 'perSample' must be a boolean`);
  }
  const cv = options.controlVariate as { apply?: unknown } | undefined;
  if (cv !== undefined && (cv === null || typeof cv.apply !== 'function')) {
    throw new Error(`${fn}: argument 'controlVariate' must be a ControlVariate (e.g. deltaMethod())`);
  }
  return Object.keys(params).sort() as P[];
}
