import { randomNormal } from '@proj/core';
/**
 * Helpers of the algebra and batch-op tests: seeded random TT objects (cores with N(0, 1) entries, built
 * directly, independent of the package's initializers) and dense references.
 */
import * as tf from '@tensorflow/tfjs-core';
import { TensorTrain } from '../src/tensor-train.js';
import { TensorTrainBatch } from '../src/tensor-train-batch.js';

/**
 * A TT object from core shapes: `modes[k]` is [n_k] (TT-tensor) or [m_k, n_k] (TT-matrix), `ranks` the full
 * rank vector; with `batch`, a TensorTrainBatch. (Seeded through @proj/core's randomNormal.)
 */
export function tt(modes: number[][], ranks: number[], seed: number, batch?: number): TensorTrain | TensorTrainBatch {
  const cores = modes.map((m, k) =>
    randomNormal([...(batch === undefined ? [] : [batch]), ranks[k]!, ...m, ranks[k + 1]!], 1 + seed * 101 + k),
  );
  return batch === undefined ? new TensorTrain(cores) : new TensorTrainBatch(cores);
}

/** A single TT (typed). */
export function single(modes: number[][], ranks: number[], seed: number): TensorTrain {
  return tt(modes, ranks, seed) as TensorTrain;
}

/** A batch (typed). */
export function batchOf(modes: number[][], ranks: number[], batch: number, seed: number): TensorTrainBatch {
  return tt(modes, ranks, seed, batch) as TensorTrainBatch;
}

/** Element b of a batch as a TensorTrain (new tensors). */
export function element(batch: TensorTrainBatch, b: number): TensorTrain {
  return new TensorTrain(batch.cores.map((core) => tf.squeeze(tf.slice(core, [b], [1]), [0])));
}

/** Every element of the dense batch [B, ...] as a [B, N] matrix of flattened elements. */
export function flatRows(dense: tf.Tensor): tf.Tensor2D {
  return tf.reshape(dense, [dense.shape[0]!, -1]);
}

/** The product of the ranks, for T3F's rank rules: [1, a_1·b_1, ..., 1]. */
export function productRanks(a: readonly number[], b: readonly number[]): number[] {
  return a.map((r, k) => r * b[k]!);
}
