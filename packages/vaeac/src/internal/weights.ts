import * as tf from '@tensorflow/tfjs-core';
import { shown } from './validate.js';

/** One saved variable: its shape and row-major values (JSON-serializable). */
export interface SavedWeight {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** The values of `variables` as {@link SavedWeight}s. O(parameters). */
export function saveWeights(variables: readonly tf.Variable[]): SavedWeight[] {
  return variables.map((v) => ({ shape: [...v.shape], values: Array.from(v.dataSync()) }));
}

/**
 * Assigns saved weights to `variables` (same count, order and shapes). O(parameters).
 *
 * @throws Error naming `fn` and `artifacts.weights[i]` for a wrong count, shape or non-finite values.
 */
export function loadWeights(fn: string, variables: readonly tf.Variable[], weights: unknown): void {
  if (!Array.isArray(weights) || weights.length !== variables.length) {
    throw new Error(`${fn}: argument 'artifacts.weights' must hold ${variables.length} tensors, got ${shown(weights)}`);
  }
  variables.forEach((v, i) => {
    const w = weights[i] as { shape?: unknown; values?: unknown } | null;
    const shape = w?.shape;
    const values = w?.values;
    if (!(Array.isArray(shape) && shape.length === v.rank && v.shape.every((s, j) => shape[j] === s))) {
      throw new Error(`${fn}: argument 'artifacts.weights[${i}]' must have shape [${v.shape.join(',')}]`);
    }
    if (
      !Array.isArray(values) ||
      values.length !== v.size ||
      !values.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      throw new Error(`${fn}: argument 'artifacts.weights[${i}].values' must be ${v.size} finite numbers`);
    }
    tf.tidy(() => v.assign(tf.tensor(values as number[], v.shape)));
  });
}
