import { assertOptions } from '@proj/core';
import type { DistributionOptions } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Parameter handling of the distributions of this package, as `@proj/core/distributions` does it internally
 * (core does not export its helpers): a plain object with exactly the named parameters, each a float32 tensor
 * (used as given), an int32 tensor (cast, owned) or numbers (converted, owned); validation reads values back.
 */
export interface ConvertedParams<K extends string> {
  readonly params: Readonly<Record<K, tf.Tensor>>;
  readonly owned: tf.Tensor[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof tf.Tensor) return `a tensor of shape [${value.shape.join(',')}]`;
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? 'an object' : String(value);
}

/**
 * Checks the options of a constructor (only `validateArgs`, a boolean) and returns whether to validate. O(keys).
 *
 * @throws Error naming the family and the option.
 */
export function readOptions(family: string, options: unknown, extraKeys: readonly string[] = []): boolean {
  assertOptions(family, options, ['validateArgs', ...extraKeys]);
  const validateArgs = (options as DistributionOptions | undefined)?.validateArgs;
  if (validateArgs === undefined) return true;
  if (typeof validateArgs !== 'boolean') {
    throw new Error(`${family}: option 'validateArgs' must be a boolean, got ${describe(validateArgs)}`);
  }
  return validateArgs;
}

function convert(family: string, key: string, value: unknown, owned: tf.Tensor[]): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new Error(`${family}: parameter '${key}' is a disposed tensor`);
    if (value.dtype === 'float32') return value;
    if (value.dtype !== 'int32') {
      throw new Error(`${family}: parameter '${key}' must be numeric (float32 or int32), got dtype ${value.dtype}`);
    }
    const cast = tf.cast(value, 'float32');
    owned.push(cast);
    return cast;
  }
  const numeric = (v: unknown): boolean => typeof v === 'number' || (Array.isArray(v) && v.every(numeric));
  const typed = value instanceof Float32Array || value instanceof Int32Array;
  if (!numeric(value) && !typed) {
    throw new Error(`${family}: parameter '${key}' must be a number, array or tensor, got ${describe(value)}`);
  }
  let tensor: tf.Tensor;
  try {
    tensor = tf.tensor(value as tf.TensorLike, undefined, 'float32');
  } catch {
    throw new Error(`${family}: parameter '${key}' must be a number, array or tensor, got a ragged array`);
  }
  owned.push(tensor);
  return tensor;
}

/**
 * Converts the parameters `keys` of `values` to float32 tensors and runs `validate` on them; frees what it
 * created when anything throws. O(size of the parameters).
 *
 * @throws Error naming the family: not an object, an unknown or missing parameter, a non-numeric value, or what
 *   `validate` throws.
 */
export function prepareParams<K extends string>(
  family: string,
  values: unknown,
  keys: readonly K[],
  validate: (params: Readonly<Record<K, tf.Tensor>>) => void,
): ConvertedParams<K> {
  if (values === null || typeof values !== 'object' || Array.isArray(values) || values instanceof tf.Tensor) {
    throw new Error(
      `${family}: argument 'params' must be an object with the parameters ${keys.join(', ')}, got ${describe(values)}`,
    );
  }
  const record = values as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(keys as readonly string[]).includes(key)) {
      throw new Error(`${family}: unknown parameter '${key}'; valid parameters: ${keys.join(', ')}`);
    }
  }
  for (const key of keys) {
    if (record[key] === undefined) throw new Error(`${family}: parameter '${key}' is missing; pass ${keys.join(', ')}`);
  }
  const owned: tf.Tensor[] = [];
  const params = {} as Record<K, tf.Tensor>;
  try {
    for (const key of keys) params[key] = convert(family, key, record[key], owned);
    validate(params);
  } catch (error) {
    tf.dispose(owned);
    throw error;
  }
  return { params, owned };
}

/** The broadcast of the parameters' shapes. @throws Error naming the family when they do not broadcast. */
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
 * Checks every element of a parameter with `ok` (reads it back); throws naming the family, the parameter, the
 * requirement and the first bad value.
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
  if (bad >= 0) throw new Error(`${family}: parameter '${name}' must be ${requirement}, got ${data[bad]} at ${bad}`);
}

/** {@link checkParam} for positive finite values (NaN and ±∞ fail). */
export function checkPositiveFinite(family: string, name: string, value: tf.Tensor): void {
  checkParam(family, name, value, 'positive and finite', (x) => x > 0 && Number.isFinite(x));
}
