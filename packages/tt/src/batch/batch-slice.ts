import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertBatch } from '../internal/assert-batch.js';
import { normalizeSpec } from '../internal/index-spec.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Elements start..stop−1 of a batch (T3F `batch[start:stop]`), with Python's slice rules: negative bounds
 * count from the end and bounds are clamped to [0, B]; the range must not be empty.
 *
 * @param batch a TensorTrainBatch of size B.
 * @param start first element; default 0.
 * @param stop one past the last element; default B.
 * @returns a TensorTrainBatch of size stop − start with new cores.
 * Complexity: d slices. Differentiable.
 * @throws Error naming `batchSlice` when `batch` is not a live TensorTrainBatch, a bound is not an integer or
 *   the range is empty.
 * @example
 * const firstTen = batchSlice(batch, 0, 10);
 * @see T3F `t3f.TensorTrainBatch.__getitem__`.
 * @category Indexing
 */
export function batchSlice(batch: TensorTrainBatch, start = 0, stop?: number): TensorTrainBatch {
  const batchSize = assertBatch(batch, 'batchSlice');
  const range = normalizeSpec({ start, stop: stop ?? batchSize }, batchSize, 'batchSlice', 'the batch axis') as {
    start: number;
    stop: number;
  };
  return tidyObject(
    () => new TensorTrainBatch(batch.cores.map((core) => tf.slice(core, [range.start], [range.stop - range.start]))),
  );
}
