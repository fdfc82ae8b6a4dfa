import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Scales element i of a TT batch by weights[i] (T3F `multiply_along_batch_dim`): the first core of every
 * element is multiplied by its weight, the other cores are kept (as new tensors sharing the data).
 * Differentiable with respect to the cores and the weights.
 *
 * @param batch TensorTrainBatch of size B.
 * @param weights [B] tensor or numbers.
 * @returns a new TensorTrainBatch with the same shape and ranks.
 * Complexity: O(B·n_1·r_1).
 * @throws Error when `batch` is not a TensorTrainBatch or `weights` is not a vector of length B.
 * @example
 * const scaled = multiplyAlongBatchDim(batch, [1, -1, 0.5]);
 * @see T3F `t3f.multiply_along_batch_dim`.
 */
export function multiplyAlongBatchDim(
  batch: TensorTrainBatch,
  weights: tf.Tensor | readonly number[] | Float32Array,
): TensorTrainBatch {
  assertTT(batch, 'multiplyAlongBatchDim', 'batch');
  if (!(batch instanceof TensorTrainBatch)) {
    throw new Error("multiplyAlongBatchDim: argument 'batch' must be a TensorTrainBatch, got a TensorTrain");
  }
  if (weights instanceof tf.Tensor && weights.isDisposed) {
    throw new Error("multiplyAlongBatchDim: argument 'weights' is a disposed tensor");
  }
  const shape = weights instanceof tf.Tensor ? weights.shape : [weights.length];
  if (shape.length !== 1 || shape[0] !== batch.batchSize) {
    throw new Error(
      `multiplyAlongBatchDim: argument 'weights' must be a vector of length ${batch.batchSize} (the batch size), got shape [${shape.join(',')}]`,
    );
  }
  return tidyObject(() => {
    const w = weights instanceof tf.Tensor ? tf.cast(weights, 'float32') : tf.tensor1d(weights as number[], 'float32');
    const first = batch.cores[0]!;
    const scaled = tf.mul(first, tf.reshape(w, [batch.batchSize, ...first.shape.slice(1).map(() => 1)]));
    return new TensorTrainBatch([scaled, ...batch.cores.slice(1).map((core) => tf.clone(core))]);
  });
}
