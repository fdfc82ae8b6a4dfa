import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import type * as tf from '@tensorflow/tfjs-core';
import { checkFiniteDense } from '../internal/finite.js';
import { floatInput } from '../internal/tensor-input.js';
import { checkEpsilon, ttSvd } from '../internal/tt-svd.js';
import { expandRankCaps, type RankSpec } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';

/** Options of {@link toTTTensor} and {@link toTTMatrix}. */
export interface ToTTOptions {
  /**
   * Largest TT-ranks: one integer for every inner bond, or a list of d + 1 whose entry k caps r_k (its two ends
   * are ignored, as in T3F: the end ranks are 1). Default 10.
   */
  readonly maxTTRank?: RankSpec;
  /**
   * Relative accuracy ε ≥ 0: the result satisfies ‖A − TT‖_F ≤ ε·‖A‖_F with the smallest ranks TT-SVD can give,
   * unless `maxTTRank` caps a rank below what ε needs (the cap wins). Absent: no thresholding, the ranks are
   * min(maxTTRank, natural bound).
   */
  readonly epsilon?: number;
}

/**
 * TT-SVD: the TT-tensor of a dense tensor (T3F `to_tt_tensor`).
 *
 * For k = 1..d−1 the remainder (initially A), unfolded as (r_{k−1}·n_k) × (n_{k+1}⋯n_d), is factored by a thin
 * SVD U·diag(s)·Vᵀ; core k = U[:, :r_k] and the remainder becomes diag(s[:r_k])·V[:, :r_k]ᵀ; the last core is
 * the last remainder. Without `epsilon` the ranks follow T3F: r_k = min(maxTTRank_k, rows, columns), zero
 * singular values included. With `epsilon` (which T3F accepts but ignores, issue #202) each step keeps the
 * fewest singular values whose discarded tail is ≤ δ = ε·‖A‖_F/√(d − 1), then caps by `maxTTRank`; this
 * guarantees ‖A − TT‖_F ≤ ε·‖A‖_F when the cap does not bind (Oseledets 2011, Theorem 2.2). Cores 1..d−1 of
 * the result are left-orthonormal.
 *
 * SVDs run on the host in float64 (`@proj/core/linalg` `truncatedSvd`); cores are float32. Not differentiable.
 * Non-finite input is an error: one NaN or ±Infinity entry would make every entry of the result NaN (T3F
 * returns that silently), so the entries are checked on the host first, which the SVDs read anyway.
 *
 * Complexity: d − 1 host SVDs; the first, of the n_1 × (N/n_1) unfolding, dominates with O(N·min(n_1, N/n_1))
 * flops for N = Π n_k entries (step k costs O(r_{k−1}·N_k·min(r_{k−1}·n_k, N_k/n_k)), N_k = Π_{j≥k} n_j).
 *
 * @param dense the tensor [n_1, ..., n_d] (d ≥ 1): a float32 or int32 tensor, a typed array or nested arrays of
 *   numbers; every entry finite.
 * @param options `maxTTRank` (default 10), `epsilon`; no other keys.
 * @returns a new TensorTrain of shape (n_1..n_d) with ranks ≤ maxTTRank.
 * @throws Error naming `toTTTensor` for a scalar, empty, disposed or non-numeric `dense`, a NaN or ±Infinity
 *   entry (with its index), a bad `maxTTRank` (not a positive integer or a list of d + 1 of them), a negative
 *   `epsilon` or an unknown option.
 * @example
 * const tt = toTTTensor(tf.randomNormal([4, 5, 6]), { maxTTRank: 3 }); // ranks [1, 3, 3, 1]
 * const exact = toTTTensor(dense, { maxTTRank: 100, epsilon: 1e-3 }); // ‖dense − full(exact)‖ ≤ 1e-3‖dense‖
 * @see I. V. Oseledets, "Tensor-Train Decomposition", SIAM J. Sci. Comput. 33(5), 2011, Algorithm 1.
 * @category Decompositions
 */
export function toTTTensor(dense: tf.Tensor | tf.TensorLike, options: ToTTOptions = {}): TensorTrain {
  assertOptions('toTTTensor', options, ['maxTTRank', 'epsilon']);
  const { maxTTRank = 10, epsilon } = options ?? {};
  checkEpsilon(epsilon, 'toTTTensor');
  return tidyObject(() => {
    const tensor = floatInput(dense, 'toTTTensor', 'dense');
    if (tensor.rank === 0 || tensor.size === 0) {
      throw new Error(
        `toTTTensor: argument 'dense' must have at least one axis and no empty axis, got shape [${tensor.shape.join(',')}]`,
      );
    }
    const maxRanks = expandRankCaps(maxTTRank, tensor.rank, 'toTTTensor');
    checkFiniteDense(tensor, 'toTTTensor', 'dense');
    return new TensorTrain(ttSvd(tensor, tensor.shape, maxRanks, epsilon));
  });
}
