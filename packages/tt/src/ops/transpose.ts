import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { formatRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Transpose of a TT-matrix (T3F `transpose`): the two mode axes of every core are swapped, [r, m, n, r′] →
 * [r, n, m, r′] (batches: [B, r, m, n, r′] → [B, r, n, m, r′]), so the raw shape ((m), (n)) becomes ((n), (m));
 * TT-ranks are unchanged. Where m_k or n_k is 1 (TT-vectors) the swap is a reshape and no data moves.
 * Differentiable; representation-invariant.
 *
 * @param tt TT-matrix, single or batch.
 * @returns a new TT-matrix of the same kind.
 * Complexity: O(Σ_k r_{k−1}·m_k·n_k·r_k) data movement.
 * @throws Error when `tt` is a TT-tensor.
 * @example
 * const at = transpose(a); // raw shape [[n..], [m..]]
 * @see T3F `t3f.transpose`.
 */
export function transpose(tt: TensorTrainBatch): TensorTrainBatch;
export function transpose(tt: TensorTrain): TensorTrain;
export function transpose(tt: TensorTrain | TensorTrainBatch): TensorTrain | TensorTrainBatch;
export function transpose(tt: TensorTrain | TensorTrainBatch): TensorTrain | TensorTrainBatch {
  const batch = assertTT(tt, 'transpose', 'tt');
  if (!tt.isMatrix) {
    throw new Error(
      `transpose: argument 'tt' must be a TT-matrix, got a TT-tensor of shape ${formatRawShape(tt.rawShape)}`,
    );
  }
  const offset = batch === undefined ? 0 : 1;
  return tidyObject(() => {
    const cores = tt.cores.map((core) => {
      const perm = core.shape.map((_, axis) =>
        axis === offset + 1 ? offset + 2 : axis === offset + 2 ? offset + 1 : axis,
      );
      const swapped = perm.map((axis) => core.shape[axis]!);
      const [m, n] = [core.shape[offset + 1]!, core.shape[offset + 2]!];
      return m === 1 || n === 1 ? tf.reshape(core, swapped) : tf.transpose(core, perm);
    });
    return batch === undefined ? new TensorTrain(cores) : new TensorTrainBatch(cores);
  });
}
