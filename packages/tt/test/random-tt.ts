import { randomNormal } from '@proj/core';
/**
 * Random TT objects for tests, built directly from seeded normal cores (independent of the package's
 * initializers). `modes` lists each core's mode axes: `[[n_1], [n_2], ...]` for a TT-tensor,
 * `[[m_1, n_1], ...]` for a TT-matrix.
 */
import * as tf from '@tensorflow/tfjs-core';
import { TensorTrain } from '../src/tensor-train.js';
import { TensorTrainBatch } from '../src/tensor-train-batch.js';

/** Cores [r_{k−1}, ...modes_k, r_k] (with a leading [batch] when given) with N(0, 1) entries. */
export function randomCores(
  modes: readonly (readonly number[])[],
  ranks: readonly number[],
  seed: number,
  batch?: number,
): tf.Tensor[] {
  return modes.map((m, k) =>
    randomNormal([...(batch === undefined ? [] : [batch]), ranks[k]!, ...m, ranks[k + 1]!], seed + 7919 * k),
  );
}

/** A TT-tensor of shape `sizes` with the given ranks. */
export function randomTT(sizes: readonly number[], ranks: readonly number[], seed: number): TensorTrain {
  return new TensorTrain(
    randomCores(
      sizes.map((n) => [n]),
      ranks,
      seed,
    ),
  );
}

/** A TT-matrix of raw shape (m, n) with the given ranks. */
export function randomTTMatrix(
  m: readonly number[],
  n: readonly number[],
  ranks: readonly number[],
  seed: number,
): TensorTrain {
  return new TensorTrain(
    randomCores(
      m.map((mk, k) => [mk, n[k]!]),
      ranks,
      seed,
    ),
  );
}

/** A batch of `batch` TT-tensors (modes [[n_k]]) or TT-matrices (modes [[m_k, n_k]]). */
export function randomBatch(
  modes: readonly (readonly number[])[],
  ranks: readonly number[],
  batch: number,
  seed: number,
): TensorTrainBatch {
  return new TensorTrainBatch(randomCores(modes, ranks, seed, batch));
}

/** Element b of a batch as a TensorTrain (new tensors). */
export function element(batch: TensorTrainBatch, b: number): TensorTrain {
  return new TensorTrain(batch.cores.map((core) => tf.squeeze(tf.slice(core, [b], [1]), [0])));
}

/** ‖x‖_F in float64 on the host. */
export function hostNorm(x: tf.Tensor): number {
  const values = x.dataSync();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return Math.sqrt(sum);
}

/** ‖a − b‖_F in float64 on the host. */
export function hostDistance(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  if (x.length !== y.length) throw new Error(`hostDistance: sizes differ, ${x.length} vs ${y.length}`);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i]! - y[i]!) ** 2;
  return Math.sqrt(sum);
}
