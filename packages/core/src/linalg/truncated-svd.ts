import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { svdBatch, uploadSvd } from './internal/batched-svd.js';
import { notDifferentiable } from './internal/custom-op.js';
import { matrixBatch } from './internal/matrix-batch.js';
import { checkTruncationOptions } from './internal/truncation.js';
import type { SvdResult } from './svd.js';
import type { TruncationOptions } from './truncation-rank.js';

/**
 * Truncated SVD: the leading r singular triplets of x, x ≈ u·diag(s)·vᵀ, with r chosen by
 * {@link truncationRank} from `maxRank`, `relTol` (‖x − x_r‖_F ≤ relTol·‖x‖_F) and `absTol`
 * (‖x − x_r‖_F ≤ absTol). For a batch, one r for all matrices, the maximum over the batch, so that every
 * matrix meets the tolerance (some keep more triplets than they need). This is the step of TT-SVD and of
 * TT-rounding.
 *
 * Same conventions (signs, NaN) as {@link svd}; only the first r columns are uploaded and multiplied. When
 * the options may drop triplets, the SVD comes from the eigendecomposition of the Gram matrix TᵀT (T = x or
 * xᵀ, whichever is tall; float64 on the host, about 3x fewer flops than svd's route), accepted when every
 * kept singular value is at least 10⁻³ of its matrix's largest, which keeps the factors at float32 accuracy
 * despite the squared condition number; else (and for NaN) the computation of {@link svd}. Not
 * differentiable: a gradient through any output throws an error naming `truncatedSvd`.
 *
 * @param x [..., m, n], m, n ≥ 1.
 * @param options `maxRank`, `relTol`, `absTol` (see {@link TruncationOptions}); with none, the full thin SVD.
 * @returns `{u, s, v}`: u [..., m, r], s [..., r] descending, v [..., n, r], 1 ≤ r ≤ min(m, n).
 * @throws Error naming `truncatedSvd` for bad or unknown options, rank < 2, empty matrices or non-numeric input
 *   (bool tensors included). Not for NaN or ±∞: that matrix gets all-NaN factors.
 *
 * Complexity: per matrix Mk² + 9k³ + 2Mkr flops on the host (M = max(m, n)) on the Gram path, else as
 * {@link svd}; plus O(batch·k) to choose r.
 *
 * @example
 * // TT-SVD step k of d: the error budget ε‖A‖_F/√(d − 1), at most 10 ranks.
 * const { u, s, v } = truncatedSvd(unfolding, { maxRank: 10, absTol: (eps * normA) / Math.sqrt(d - 1) });
 * @see I. V. Oseledets, Tensor-Train Decomposition, SIAM J. Sci. Comput. 33(5), 2011 (TT-SVD).
 * @category Linear algebra
 */
export function truncatedSvd(x: tf.Tensor | tf.TensorLike, options: TruncationOptions = {}): SvdResult {
  checkTruncationOptions(options, 'truncatedSvd');
  const [u, s, v] = tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'truncatedSvd');
    const { host, q, rank } = svdBatch(a, matrixBatch(a, 'x', 'truncatedSvd'), 'truncatedSvd', options);
    return uploadSvd(host, rank, q).map((factor) => notDifferentiable('truncatedSvd', a, factor));
  }) as [tf.Tensor, tf.Tensor, tf.Tensor];
  return { u, s, v };
}
