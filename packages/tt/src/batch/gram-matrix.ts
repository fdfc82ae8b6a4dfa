import type * as tf from '@tensorflow/tfjs-core';
import { pairwiseInner } from '../internal/pairwise.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Gram matrix of a TT batch (T3F `gram_matrix`): res[i, j] = ⟨a_i, a_j⟩, or a_iᵀ·M·a_j with a TT-matrix M
 * (then a must hold TT-vectors); the same sweep as {@link pairwiseFlatInner} with both sides `a`.
 * Differentiable; representation-invariant.
 *
 * @param a batch of B TT objects (or one TT).
 * @param matrix optional square-compatible TT-matrix (row and column modes equal to a's modes).
 * @returns [B, B].
 * Complexity: O(B²·d·n·r³) (T3F's bound).
 * @throws Error as {@link pairwiseFlatInner}.
 * @example
 * const gram = gramMatrix(vectors); // [B, B], symmetric
 * @see T3F `t3f.gram_matrix`.
 */
export function gramMatrix(a: TensorTrain | TensorTrainBatch, matrix?: TensorTrain): tf.Tensor {
  return pairwiseInner('gramMatrix', a, a, matrix);
}
