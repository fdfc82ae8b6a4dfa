import * as tf from '@tensorflow/tfjs-core';
import { numericShape } from '../internal/convert.js';
import { formatIndex, formatNumber } from '../internal/format.js';
import { assertBoolean, describeValue } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';
import type { DistributionOptions } from './distribution.js';

/** Parameters converted for a distribution, with the tensors it created (and must free). */
export interface ConvertedParams<K extends string> {
  readonly params: Readonly<Record<K, tf.Tensor>>;
  readonly owned: tf.Tensor[];
}

/**
 * Checks the options of a distribution constructor ({@link DistributionOptions}: no unknown key,
 * `validateArgs` a boolean when given) and returns whether to validate the parameters. `extraKeys` are the
 * family's own option keys (checked by the family). O(number of keys).
 *
 * @throws Error naming the family and the option.
 */
export function readDistributionOptions(family: string, options: unknown, extraKeys: readonly string[] = []): boolean {
  assertOptions(family, options, ['validateArgs', ...extraKeys]);
  const validateArgs = (options as DistributionOptions | undefined)?.validateArgs;
  if (validateArgs === undefined) return true;
  assertBoolean(family, 'options.validateArgs', validateArgs);
  return validateArgs;
}

/**
 * Checks that the parameters argument of a distribution constructor is a plain object whose keys are all
 * among `allowed` (an unknown key is an error: a misspelt parameter would otherwise be ignored). O(keys).
 *
 * @throws Error naming the family, the argument or the unknown key, and the valid parameters.
 */
export function assertParamsObject(
  family: string,
  values: unknown,
  allowed: readonly string[],
): asserts values is Readonly<Record<string, unknown>> {
  if (values === null || typeof values !== 'object' || Array.isArray(values) || values instanceof tf.Tensor) {
    throw new Error(
      `${family}: argument 'params' must be an object with the parameters ${allowed.join(', ')}, got ${describeValue(values)}`,
    );
  }
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) {
      throw new Error(`${family}: unknown parameter '${key}'; valid parameters: ${allowed.join(', ')}`);
    }
  }
}

/**
 * Converts distribution parameters to float32 tensors, then runs `validate` on them (when given). `values` must
 * be an object with exactly the parameters `keys` (see {@link assertParamsObject}; a missing one is an error).
 * Tensors the caller passes are used as they are (float32) or cast (int32; the cast is owned); numbers and
 * nested number arrays become owned tensors. On any error the owned tensors are freed before rethrowing.
 *
 * @throws Error naming the family and the parameter.
 */
export function prepareParams<K extends string>(
  family: string,
  values: unknown,
  keys: readonly K[],
  validate?: (params: Readonly<Record<K, tf.Tensor>>) => void,
): ConvertedParams<K> {
  assertParamsObject(family, values, keys);
  for (const key of keys) {
    if (values[key] === undefined) {
      throw new Error(`${family}: parameter '${key}' is missing; pass ${keys.join(' and ')}`);
    }
  }
  const owned: tf.Tensor[] = [];
  const params = {} as Record<K, tf.Tensor>;
  try {
    for (const key of keys) params[key] = convertParam(family, key, values[key], owned);
    validate?.(params);
  } catch (error) {
    tf.dispose(owned);
    throw error;
  }
  return { params, owned };
}

function convertParam(family: string, key: string, value: unknown, owned: tf.Tensor[]): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new Error(`${family}: parameter '${key}' is a disposed tensor`);
    if (value.dtype !== 'float32' && value.dtype !== 'int32') {
      throw new Error(`${family}: parameter '${key}' must be numeric (float32 or int32), got dtype ${value.dtype}`);
    }
    if (value.dtype === 'float32') return value;
    const cast = tf.cast(value, 'float32');
    owned.push(cast);
    return cast;
  }
  const shape =
    typeof value === 'number' ? [] : Array.isArray(value) ? numericShape(value) : numericTypedArrayShape(value);
  if (shape === undefined) {
    const got = typeof value === 'string' ? value : describeValue(value);
    throw new Error(
      `${family}: parameter '${key}' must be a number, array or tensor, got ${got}` +
        (Array.isArray(value) ? ' (ragged or non-numeric)' : ''),
    );
  }
  const tensor = tf.tensor(value as tf.TensorLike, shape, 'float32');
  owned.push(tensor);
  return tensor;
}

function numericTypedArrayShape(value: unknown): number[] | undefined {
  return value instanceof Float32Array || value instanceof Int32Array ? [value.length] : undefined;
}

/** The broadcast of the parameters' shapes: the batch shape of a distribution whose events are scalars. */
export function broadcastShapes(family: string, shapes: Readonly<Record<string, readonly number[]>>): number[] {
  return Object.entries(shapes).reduce<number[]>((acc, [name, shape]) => {
    try {
      return tf.backend_util.assertAndGetBroadcastShape(acc, [...shape]);
    } catch {
      const described = Object.entries(shapes)
        .map(([key, s]) => `${key} [${s.join(',')}]`)
        .join(', ');
      throw new Error(`${family}: parameter shapes do not broadcast (${described}; failed at '${name}')`);
    }
  }, []);
}

/**
 * Checks every element of a parameter with `ok`; throws naming the family, the parameter, the requirement,
 * the first bad value and its index. Reads the tensor back (only when validation is on).
 */
export function checkParam(
  family: string,
  name: string,
  value: tf.Tensor,
  requirement: string,
  ok: (x: number) => boolean,
): void {
  const data = value.dataSync();
  const bad = data.findIndex((x) => !ok(x));
  if (bad >= 0) {
    throw new Error(
      `${family}: parameter '${name}' must be ${requirement}, got ${formatNumber(data[bad]!)}${value.rank > 0 ? ` at ${formatIndex(bad, value.shape)}` : ''}`,
    );
  }
}

/**
 * Checks that every element of a scale-like parameter is positive (NaN fails), then finite: `+Infinity` makes
 * densities, samples and moments of every family here meaningless (`poisson({rate: Infinity})` would sample
 * Infinity). Reads the tensor back once per rule.
 */
export function checkPositiveFinite(family: string, name: string, value: tf.Tensor): void {
  checkParam(family, name, value, 'positive', isPositive);
  checkParam(family, name, value, 'finite', Number.isFinite);
}

export const isPositive = (x: number): boolean => x > 0;
export const isProbability = (x: number): boolean => x >= 0 && x <= 1;
