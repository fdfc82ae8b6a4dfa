import type * as tf from '@tensorflow/tfjs-core';
import { pairwiseInner } from '../internal/pairwise.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * All pairwise flat inner products of two TT batches (T3F `pairwise_flat_inner`): res[i, j] = ⟨a_i, b_j⟩, or
 * with a TT-matrix M, res[i, j] = a_iᵀ·M·b_j. One sweep over the cores with a running [B1, B2, r_a, (r_M,) r_b]
 * tensor: per core one matMul batched over the elements of `a` and one over those of `b` (with M, one more
 * plain matMul), never B1·B2 separate products. With `matrix`, a and b must be TT-vectors (TT-matrices with
 * all column modes 1); row vectors are used as their transposes, as in T3F. A single TT counts as a batch of
 * one. Differentiable; representation-invariant.
 *
 * @param a batch of B1 TT objects (or one TT).
 * @param b batch of B2 TT objects (or one TT) with the raw shape of `a` (without `matrix`).
 * @param matrix optional TT-matrix whose row modes are a's modes and column modes b's.
 * @returns [B1, B2].
 * Complexity: O(B1·B2·d·n·r_a·r_b·(r_a + r_b)); with M, O(B1·B2·d·R·r_a·r_b·(n·r_a + n·m·R + m·r_b)).
 * @throws Error for mismatched raw shapes, non-vectors with `matrix`, or modes that do not match M.
 * @example
 * const products = pairwiseFlatInner(batchA, batchB); // [B1, B2]
 * @see T3F `t3f.pairwise_flat_inner`.
 */
export function pairwiseFlatInner(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
  matrix?: TensorTrain,
): tf.Tensor {
  return pairwiseInner('pairwiseFlatInner', a, b, matrix);
}
