import { assertTT } from '../internal/assert.js';
import { constantCores } from '../internal/initializers.js';
import { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * The all-ones TT object with the raw shape of `tt` (T3F `ones_like`): a TT-tensor or TT-matrix of TT-rank 1.
 * As in T3F, a batch gives a single TT with the raw shape of its elements.
 *
 * @param tt any TT object; only its raw shape is read.
 * @returns a TensorTrain with ranks [1, ..., 1].
 * Complexity: O(Σ n_k) memory, d tensor allocations.
 * @throws Error naming `onesLike` when `tt` is not a live TensorTrain or TensorTrainBatch.
 * @example
 * const ones = onesLike(tt); // full(ones) is tf.onesLike(full(tt)) for a single tt
 * @see T3F `t3f.ones_like`.
 * @category Initializers
 */
export function onesLike(tt: TensorTrain | TensorTrainBatch): TensorTrain {
  assertTT(tt, 'onesLike', 'tt');
  return new TensorTrain(constantCores(tt.rawShape, 1, 1, 'onesLike'));
}
