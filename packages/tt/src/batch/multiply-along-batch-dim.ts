import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { floatInput } from '../internal/tensor-input.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Scales element i of a TT batch by weights[i] (T3F `multiply_along_batch_dim`): the first core of every
 * element is multiplied by its weight, the other cores are kept (as new tensors sharing the data).
 * Differentiable with respect to the cores and the weights.
 *
 * @param batch TensorTrainBatch of size B.
 * @param weights [B]: a float32 or int32 tensor, a typed array or numbers (NaN weights give NaN elements).
 * @returns a new TensorTrainBatch with the same shape and ranks.
 * Complexity: O(B·n_1·r_1).
 * @throws Error naming `multiplyAlongBatchDim` when `batch` is not a TensorTrainBatch or `weights` is not a
 *   vector of B numbers.
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
  return tidyObject(() => {
    const w = floatInput(weights, 'multiplyAlongBatchDim', 'weights');
    if (w.rank !== 1 || w.shape[0] !== batch.batchSize) {
      throw new Error(
        `multiplyAlongBatchDim: argument 'weights' must be a vector of length ${batch.batchSize} (the batch size), got shape [${w.shape.join(',')}]`,
      );
    }
    const first = batch.cores[0]!;
    const scaled = tf.mul(first, tf.reshape(w, [batch.batchSize, ...first.shape.slice(1).map(() => 1)]));
    return new TensorTrainBatch([scaled, ...batch.cores.slice(1).map((core) => tf.clone(core))]);
  });
}
