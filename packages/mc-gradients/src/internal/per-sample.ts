import { type Seed, stopGradient } from '@proj/core';
import type { Distribution } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import type { CostFunction, Params } from '../estimator.js';
import { assertDistribution, shown } from './validate.js';

/**
 * Each parameter broadcast over `n` samples as a new tensor [n, 1, …, 1, ...paramShape] (size-1 axes pad
 * every parameter to the largest parameter rank), detached from the caller's tensors: differentiating a sum of
 * per-sample terms with respect to these copies gives every sample's gradient in one backward pass.
 */
export function broadcastParams<P extends string>(
  params: Params<P>,
  names: readonly P[],
  n: number,
): Record<P, tf.Tensor> {
  const rank = Math.max(...names.map((name) => params[name].rank));
  const out = {} as Record<P, tf.Tensor>;
  for (const name of names) {
    const value = params[name];
    const shape = [n, ...new Array<number>(rank - value.rank).fill(1), ...value.shape];
    out[name] = tf.broadcastTo(tf.reshape(stopGradient(value), [1, ...shape.slice(1)]), shape);
  }
  return out;
}

/** Per-sample gradients [n, 1, …, 1, ...paramShape] back to [n, ...paramShape]. */
export function unpad<P extends string>(
  grads: Record<P, tf.Tensor>,
  params: Params<P>,
  names: readonly P[],
): Record<P, tf.Tensor> {
  const out = {} as Record<P, tf.Tensor>;
  for (const name of names) out[name] = tf.reshape(grads[name], [grads[name].shape[0]!, ...params[name].shape]);
  return out;
}

/** Names and tensors back into a record. */
export function toRecord<P extends string>(names: readonly P[], tensors: readonly tf.Tensor[]): Record<P, tf.Tensor> {
  const out = {} as Record<P, tf.Tensor>;
  names.forEach((name, i) => {
    out[name] = tensors[i]!;
  });
  return out;
}

/**
 * Evaluates the cost on samples x with `rows` rows and checks that it returns per-sample costs [rows], all
 * finite (one readback): a NaN or infinite cost would make the whole estimate NaN without a word.
 *
 * @throws Error naming the estimator `fn` and the shapes when the cost returns another shape, or the number of
 *   non-finite costs.
 */
export function evaluateCost(fn: string, cost: CostFunction, x: tf.Tensor, rows: number): tf.Tensor {
  const y: unknown = cost(x);
  if (
    !(y instanceof tf.Tensor) ||
    y.isDisposed ||
    y.rank !== 1 ||
    y.shape[0] !== rows ||
    y.dtype === 'string' ||
    y.dtype === 'complex64'
  ) {
    const got = y instanceof tf.Tensor && !y.isDisposed ? `shape [${y.shape.join(',')}]` : shown(y);
    throw new Error(
      `${fn}: argument 'cost' must map samples of shape [${x.shape.join(',')}] to per-sample costs [${rows}], got ${
        y instanceof tf.Tensor && !y.isDisposed && y.rank === 1 && y.shape[0] === rows ? `dtype ${y.dtype}` : got
      }`,
    );
  }
  const nonFinite = tf.tidy(() => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(y)), 'int32')).dataSync()[0]!);
  if (nonFinite > 0) {
    const values = y.dataSync();
    const index = values.findIndex((v) => !Number.isFinite(v));
    const first = `${values[index]} at sample ${index}`;
    throw new Error(
      `${fn}: argument 'cost' returned ${nonFinite} non-finite value(s) for ${rows} samples (first: ${first}); ` +
        'costs must be finite wherever the distribution draws, or the gradient estimate is NaN',
    );
  }
  return y;
}

/**
 * Sums per-sample, per-coordinate values [n, ...coordinateShape] over the coordinates a parameter of shape
 * `paramShape` was broadcast to (as the gradient of a broadcast does): [n, ...paramShape].
 */
export function sumToShape(values: tf.Tensor, paramShape: readonly number[]): tf.Tensor {
  const coordinates = values.shape.slice(1);
  const lead = coordinates.length - paramShape.length;
  const axes = coordinates.flatMap((size, i) =>
    i < lead || (paramShape[i - lead] === 1 && size !== 1) ? [i + 1] : [],
  );
  const summed = axes.length === 0 ? values : tf.sum(values, axes);
  return tf.reshape(summed, [values.shape[0]!, ...paramShape]);
}

/** Per-sample costs [n] reshaped to broadcast against per-sample estimates [n, ...paramShape]. */
export function alignSamples(values: tf.Tensor, rank: number): tf.Tensor {
  return tf.reshape(values, [values.shape[0]!, ...new Array<number>(rank).fill(1)]);
}

/**
 * Draws one sample per row from a distribution built on parameters broadcast over `n` samples:
 * [n, ...batchShape, ...eventShape].
 *
 * @throws Error naming the estimator `fn` when the draws do not have `n` rows (a factory that does not
 * combine its parameters by broadcasting).
 */
export function sampleRows(fn: string, distribution: Distribution, n: number, seed: Seed): tf.Tensor {
  const x = assertDistribution(distribution, fn).sample([], seed);
  if (x.rank === 0 || x.shape[0] !== n) {
    throw new Error(
      `${fn}: argument 'distribution' built from parameters broadcast over ${n} samples must have batch shape ` +
        `[${n}, ...], got ${distribution.name} with batch shape [${distribution.batchShape.join(',')}]; build it by broadcasting its parameters`,
    );
  }
  return x;
}
