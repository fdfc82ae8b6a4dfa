import * as tf from '@tensorflow/tfjs-core';
import { assertKronecker } from '../internal/kronecker.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { kroneckerSlogdet } from './slog-determinant.js';

/**
 * Determinant of a Kronecker product A = A_1 ⊗ ... ⊗ A_d of square matrices, given as a TT-matrix with TT-ranks
 * 1 (T3F `kronecker.determinant`): det A = Π_k det(A_k)^(N/n_k), N = Π n_k, computed as sign·exp(logAbsDet)
 * from {@link slogDeterminant} (the exponents N/n_k are huge, so powers of negative float32 numbers are avoided).
 *
 * Overflow: the result is float32, so |det A| beyond ~3.4e38 gives ±Infinity and below ~1e-45 gives 0 even
 * for well-conditioned factors (e.g. eight 4×4 factors with det 2 give 2^(8·4^7)); use
 * {@link slogDeterminant} for such matrices. The relative accuracy is about |logAbsDet|·1e-7.
 *
 * Differentiable: ∂det/∂A_k = det·(N/n_k)·A_k⁻ᵀ (the gradient throws at a singular factor).
 *
 * Complexity: O(Σ_k n_k³) per element.
 *
 * @param kron a TT-matrix (or batch) with all TT-ranks 1 and square cores [1, n_k, n_k, 1].
 * @returns a scalar for a single TT, [B] for a batch.
 * @throws Error naming `kroneckerDeterminant` for a TT-tensor, a TT-rank other than 1 or a non-square core.
 * @example
 * const det = kroneckerDeterminant(kron); // = det(full(kron)) without forming the N × N matrix
 * @see C. F. Van Loan, "The ubiquitous Kronecker product", J. Comput. Appl. Math. 123, 2000.
 * @category Kronecker
 */
export function determinant(kron: TensorTrain | TensorTrainBatch): tf.Tensor {
  const batchSize = assertKronecker(kron, 'kroneckerDeterminant');
  return tf.tidy(() => {
    const [sign, logAbsDet] = kroneckerSlogdet(kron, batchSize);
    return tf.mul(sign, tf.exp(logAbsDet));
  });
}
