import { assertOptions, assertSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { EstimatorOptions } from '../estimator.js';
import { assertCount, assertFinite, shown } from './validate.js';

/** The option keys every estimator takes. */
export const ESTIMATOR_OPTION_KEYS = [
  'cost',
  'distribution',
  'params',
  'numSamples',
  'seed',
  'perSample',
  'controlVariate',
] as const;

/**
 * Checks the options every estimator takes (`keys`: all the estimator's option keys, any other is an error);
 * throws naming the estimator `fn` and the argument. The parameters must be finite (one readback). Returns the
 * parameter names in a fixed order.
 */
export function checkOptions<P extends string>(
  fn: string,
  options: EstimatorOptions<P>,
  keys: readonly string[] = ESTIMATOR_OPTION_KEYS,
): P[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${fn}: argument 'options' must be an object, got ${shown(options)}`);
  }
  assertOptions(fn, options, keys);
  if (typeof options.cost !== 'function') {
    throw new Error(`${fn}: argument 'cost' must be a function from samples [M, ...] to costs [M]`);
  }
  if (typeof options.distribution !== 'function') {
    throw new Error(`${fn}: argument 'distribution' must be a function from parameters to a Distribution`);
  }
  const params = options.params as Readonly<Record<string, unknown>> | undefined;
  if (
    params === null ||
    typeof params !== 'object' ||
    Array.isArray(params) ||
    params instanceof tf.Tensor ||
    Object.keys(params).length === 0
  ) {
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
  assertCount(options.numSamples, fn, 'numSamples', 'a positive integer', 1);
  assertSeed(options.seed, fn);
  if (options.perSample !== undefined && typeof options.perSample !== 'boolean') {
    throw new Error(`${fn}: argument 'perSample' must be a boolean, got ${shown(options.perSample)}`);
  }
  const cv = options.controlVariate as { apply?: unknown } | undefined;
  if (cv !== undefined && (cv === null || typeof cv !== 'object' || typeof cv.apply !== 'function')) {
    throw new Error(`${fn}: argument 'controlVariate' must be a ControlVariate (e.g. deltaMethod()), got ${shown(cv)}`);
  }
  assertFinite(params as Readonly<Record<string, tf.Tensor>>, fn, "parameter '{name}'");
  return Object.keys(params).sort() as P[];
}
