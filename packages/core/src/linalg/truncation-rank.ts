import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { checkTruncationOptions, chooseRank } from './internal/truncation.js';

/** How many singular values to keep; see {@link truncationRank}. With no option, all are kept. */
export interface TruncationOptions {
  /** Keep at most this many (a positive integer). Takes precedence over the tolerances. */
  readonly maxRank?: number;
  /** Relative Frobenius tolerance ε ≥ 0: keep the fewest with ‖A − A_r‖_F ≤ ε·‖A‖_F. */
  readonly relTol?: number;
  /**
   * Absolute Frobenius budget δ ≥ 0: keep the fewest with ‖A − A_r‖_F ≤ δ. TT-SVD gives each of its d − 1
   * steps δ = ε·‖A‖_F/√(d − 1), which bounds the total relative error by ε (Oseledets 2011, Thm. 2.2).
   */
  readonly absTol?: number;
}

/**
 * The rank r at which to truncate an SVD: per matrix, the smallest r whose discarded singular values satisfy
 * √(Σ_{i>r} s_i²) ≤ min(relTol·‖s‖₂, absTol) (the tolerances given), which by Eckart–Young is the smallest
 * r with ‖A − A_r‖_F within the budget; then capped by `maxRank` and k. For a batch, one rank for all
 * matrices: the maximum over the batch (so every matrix meets its tolerance). At least 1, so that truncated
 * factors are never empty.
 *
 * @param s singular values [..., k], descending along the last axis (as {@link svd} returns them).
 * @param options `maxRank`, `relTol`, `absTol`; with none, r = k.
 * @returns r, 1 ≤ r ≤ k.
 * @throws Error naming `truncationRank` and the option that is unknown, not a positive integer (maxRank) or
 *   not a finite number ≥ 0, or the argument `s` when it is not numeric or holds no vector. NaN singular values
 *   keep every rank (no error).
 *
 * Complexity: O(size of s), one readback.
 *
 * @example
 * truncationRank([4, 2, 0.125], { relTol: 0.05 }); // 2: the tail 0.125 ≤ 0.05·‖(4, 2, 0.125)‖ = 0.224
 * @see I. V. Oseledets, Tensor-Train Decomposition, SIAM J. Sci. Comput. 33(5), 2011 (the δ-truncated SVD).
 * @category Linear algebra
 */
export function truncationRank(s: tf.Tensor | tf.TensorLike, options: TruncationOptions = {}): number {
  checkTruncationOptions(options, 'truncationRank');
  return tf.tidy(() => {
    const values = toFloatTensor(s, 's', 'truncationRank');
    const k = values.shape[values.rank - 1] ?? 0;
    if (values.rank < 1 || k === 0) {
      throw new Error(
        `truncationRank: argument 's' must hold non-empty vectors [..., k], got shape [${values.shape.join(',')}]`,
      );
    }
    return chooseRank(values.dataSync(), values.size / k, k, options);
  });
}
