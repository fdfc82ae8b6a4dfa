import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { svdBatch, uploadSvd } from './internal/batched-svd.js';
import { notDifferentiable } from './internal/custom-op.js';
import { matrixBatch } from './internal/matrix-batch.js';

/** A thin SVD x = u·diag(s)·vᵀ (of each matrix of a batch). */
export interface SvdResult {
  /** Left singular vectors [..., m, k], orthonormal columns. */
  readonly u: tf.Tensor;
  /** Singular values [..., k], descending, ≥ 0. */
  readonly s: tf.Tensor;
  /** Right singular vectors [..., n, k], orthonormal columns. */
  readonly v: tf.Tensor;
}

/**
 * Thin singular value decomposition of a matrix or a batch: x = u·diag(s)·vᵀ with k = min(m, n).
 *
 * Computed on the host in float64 and rounded once to float32: for a tall matrix (m > n) a Householder QR
 * x = Q·R first, then the Golub–Kahan–Reinsch SVD of the small R = U_R·diag(s)·Vᵀ, and u = Q·U_R as one
 * batched tf.matMul (LAPACK's choice for m ≫ n); a wide matrix goes through xᵀ. The whole batch is read
 * once and uploaded once. Large tall-skinny matrices take the QR step as {@link qr} does, as CholeskyQR2 on
 * backend products (when the backend's profile says so and every matrix is well conditioned).
 *
 * Signs: singular vectors are defined up to a joint sign flip of (u_i, v_i); here each column of the k×k
 * factor — v when m ≥ n, u when m < n — has its largest-magnitude entry (the first, on ties) positive.
 * A matrix with a NaN or infinite entry gets NaN factors.
 *
 * Not differentiable: a gradient through any output throws an error naming `svd`.
 *
 * @param x [..., m, n], m, n ≥ 1.
 * @returns `{u, s, v}`: u [..., m, k], s [..., k] descending, v [..., n, k].
 * @throws Error naming `svd` and the argument for rank < 2, empty matrices or non-numeric input (bool tensors
 *   included).
 *
 * Complexity: per matrix O(mn·k) flops on the host (about 4mk² for the QR and Q, 20k³ for the SVD of R) plus
 * a 2mk² GEMM in tfjs.
 *
 * @example
 * const { u, s, v } = svd([[3, 0], [4, 5]]); // s = [6.708, 2.236]
 * @see G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., §8.6 (Golub–Kahan SVD); T. F. Chan, An improved
 * algorithm for computing the singular value decomposition, ACM TOMS 8(1), 1982 (QR first).
 * @category Linear algebra
 */
export function svd(x: tf.Tensor | tf.TensorLike): SvdResult {
  const [u, s, v] = tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'svd');
    const { host, q, rank } = svdBatch(a, matrixBatch(a, 'x', 'svd'), 'svd');
    return uploadSvd(host, rank, q).map((factor) => notDifferentiable('svd', a, factor));
  }) as [tf.Tensor, tf.Tensor, tf.Tensor];
  return { u, s, v };
}
