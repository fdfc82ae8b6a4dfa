import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { assertTT } from './assert.js';

/**
 * Checks that `batch` is a live TensorTrainBatch and returns its size.
 *
 * @throws Error naming `fn` and the argument 'batch' otherwise.
 */
export function assertBatch(batch: unknown, fn: string): number {
  if (!(batch instanceof TensorTrainBatch)) {
    const got =
      batch instanceof TensorTrain
        ? 'a single TensorTrain'
        : batch === null || typeof batch !== 'object'
          ? String(batch)
          : (batch.constructor?.name ?? 'an object');
    throw new Error(`${fn}: argument 'batch' must be a TensorTrainBatch, got ${got}`);
  }
  return assertTT(batch, fn, 'batch')!;
}
