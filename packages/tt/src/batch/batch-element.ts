import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertBatch } from '../internal/assert-batch.js';
import { jsonValue } from '../internal/describe.js';
import { normalizeSpec } from '../internal/index-spec.js';
import { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Element i of a batch as a single TT object (T3F `batch[i]`): core k is `batch.cores[k][i]`, a new tensor.
 *
 * @param batch a TensorTrainBatch of size B.
 * @param i an integer in [−B, B) (negative counts from the end).
 * @returns a TensorTrain with the batch's raw shape and ranks.
 * Complexity: d slices of O(Σ r_{k−1}·n_k·r_k) copied numbers. Differentiable.
 * @throws Error naming `batchElement` when `batch` is not a live TensorTrainBatch or i is not an integer in range.
 * @example
 * const first = batchElement(batch, 0);
 * @see T3F `t3f.TensorTrainBatch.__getitem__`.
 * @category Indexing
 */
export function batchElement(batch: TensorTrainBatch, i: number): TensorTrain {
  const batchSize = assertBatch(batch, 'batchElement');
  const selection = normalizeSpec(i, batchSize, 'batchElement', 'the batch axis');
  if (selection.kind !== 'index') {
    throw new Error(`batchElement: argument 'i' must be an integer, got ${jsonValue(i)}`);
  }
  return tidyObject(
    () =>
      new TensorTrain(
        batch.cores.map((core) => tf.reshape(tf.slice(core, [selection.index], [1]), core.shape.slice(1))),
      ),
  );
}
