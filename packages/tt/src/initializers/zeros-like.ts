import { assertTT } from '../internal/assert.js';
import { constantCores } from '../internal/initializers.js';
import { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * The all-zeros TT object with the raw shape of `tt` (T3F `zeros_like`): a TT-tensor or TT-matrix of
 * TT-rank 1. As in T3F, a batch gives a single TT with the raw shape of its elements.
 *
 * @param tt any TT object; only its raw shape is read.
 * @returns a TensorTrain with ranks [1, ..., 1].
 * Complexity: O(Σ n_k) memory, d tensor allocations.
 * @throws Error naming `zerosLike` when `tt` is not a live TensorTrain or TensorTrainBatch.
 * @example
 * const zeros = zerosLike(tt);
 * @see T3F `t3f.zeros_like`.
 * @category Initializers
 */
export function zerosLike(tt: TensorTrain | TensorTrainBatch): TensorTrain {
  assertTT(tt, 'zerosLike', 'tt');
  return new TensorTrain(constantCores(tt.rawShape, 0, 0, 'zerosLike'));
}
