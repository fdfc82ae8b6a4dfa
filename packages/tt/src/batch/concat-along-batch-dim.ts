import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { formatRawShape, sameRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Concatenates TT batches along the batch axis (T3F `concat_along_batch_dim`): one tf.concat per core. All
 * objects must have the same raw shape and the same TT-ranks. Beyond T3F, a single TT counts as a batch of
 * one, so `concatAlongBatchDim([a, b, c])` builds a batch from single TTs. A list of one object gives a copy.
 *
 * @param tts non-empty list of TensorTrainBatch (or TensorTrain) objects.
 * @returns a new TensorTrainBatch of Σ batch sizes.
 * Complexity: O(total size of the cores) data movement.
 * @throws Error for an empty list, or an element whose raw shape or ranks differ from the first's.
 * @example
 * const both = concatAlongBatchDim([batchA, batchB]); // batch size B_a + B_b
 * @see T3F `t3f.concat_along_batch_dim`.
 */
export function concatAlongBatchDim(tts: ReadonlyArray<TensorTrain | TensorTrainBatch>): TensorTrainBatch {
  if (!Array.isArray(tts as unknown) || tts.length === 0) {
    throw new Error("concatAlongBatchDim: argument 'tts' must be a non-empty array of TT objects");
  }
  tts.forEach((tt, i) => {
    assertTT(tt, 'concatAlongBatchDim', `tts[${i}]`);
  });
  const first = tts[0]!;
  tts.forEach((tt, i) => {
    if (!sameRawShape(tt.rawShape, first.rawShape)) {
      throw new Error(
        `concatAlongBatchDim: argument 'tts[${i}]' has raw shape ${formatRawShape(tt.rawShape)}, but 'tts[0]' has ${formatRawShape(first.rawShape)}`,
      );
    }
    if (tt.ranks.some((r, k) => r !== first.ranks[k])) {
      throw new Error(
        `concatAlongBatchDim: argument 'tts[${i}]' has TT-ranks [${tt.ranks.join(',')}], but 'tts[0]' has [${first.ranks.join(',')}]`,
      );
    }
  });
  return tidyObject(
    () =>
      new TensorTrainBatch(
        first.cores.map((_, k) =>
          tf.concat(
            tts.map((tt) => (tt instanceof TensorTrain ? tf.expandDims(tt.cores[k]!, 0) : tt.cores[k]!)),
            0,
          ),
        ),
      ),
  );
}
