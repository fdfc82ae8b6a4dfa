import * as tf from '@tensorflow/tfjs-core';
import { formatIndex, formatNumber } from '../internal/format.js';

/** Parameters converted for a distribution, with the tensors it created (and must free). */
export interface ConvertedParams<K extends string> {
  readonly params: Readonly<Record<K, tf.Tensor>>;
  readonly owned: tf.Tensor[];
}

/**
 * Converts distribution parameters to float32 tensors, then runs `validate` on them (when given). Tensors the
 * caller passes are used as they are (float32) or cast (other numeric dtypes; the cast is owned); arrays and
 * numbers become owned tensors. On any error the owned tensors are freed before rethrowing.
 */
export function prepareParams<K extends string>(
  family: string,
  values: Readonly<Record<K, tf.Tensor | tf.TensorLike>>,
  validate?: (params: Readonly<Record<K, tf.Tensor>>) => void,
): ConvertedParams<K> {
  const owned: tf.Tensor[] = [];
  const params = {} as Record<K, tf.Tensor>;
  try {
    for (const key of Object.keys(values) as K[]) {
      params[key] = convertParam(family, key, values[key], owned);
    }
    validate?.(params);
  } catch (error) {
    tf.dispose(owned);
    throw error;
  }
  return { params, owned };
}

function convertParam(family: string, key: string, value: tf.Tensor | tf.TensorLike, owned: tf.Tensor[]): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new Error(`${family}: parameter '${key}' is a disposed tensor`);
    if (value.dtype !== 'float32' && value.dtype !== 'int32' && value.dtype !== 'bool') {
      throw new Error(`${family}: parameter '${key}' must be numeric, got dtype ${value.dtype}`);
    }
    if (value.dtype === 'float32') return value;
    const cast = tf.cast(value, 'float32');
    owned.push(cast);
    return cast;
  }
  if (value === undefined || value === null || typeof value === 'string') {
    throw new Error(`${family}: parameter '${key}' must be a number, array or tensor, got ${String(value)}`);
  }
  const tensor = tf.tensor(value, undefined, 'float32');
  owned.push(tensor);
  return tensor;
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

export const isPositive = (x: number): boolean => x > 0;
export const isProbability = (x: number): boolean => x >= 0 && x <= 1;
