import { cholesky as choleskyMatrix } from '@proj/core/linalg';
import { tidyObject } from '@proj/core/ops';
import { fromBatchedCores } from '../internal/batch.js';
import { assertKronecker, kroneckerCores, kroneckerFactors, mapFactors } from '../internal/kronecker.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Cholesky factor of a Kronecker product of symmetric positive-definite matrices given as a TT-matrix with
 * TT-ranks 1 (T3F `kronecker.cholesky`): chol(A_1 ⊗ ... ⊗ A_d) = chol(A_1) ⊗ ... ⊗ chol(A_d), lower triangular
 * (with C-order indices a Kronecker product of lower triangles is lower triangular), TT-ranks 1. One batched
 * `@proj/core/linalg` `cholesky` per core (it reads the lower triangle of each factor). Differentiable
 * (the symmetric gradient of `cholesky`).
 *
 * Complexity: O(Σ_k n_k³) per element instead of O(N³).
 *
 * @param kron a TT-matrix (or batch) with all TT-ranks 1 and symmetric positive-definite cores [1, n_k, n_k, 1].
 * @returns a new TT-matrix L of the same kind, shape and ranks with full(kron) = full(L)·full(L)ᵀ.
 * @throws Error naming `kroneckerCholesky` for a TT-tensor, a TT-rank other than 1 or a non-square core; an error naming
 *   `kroneckerCholesky`, the core and the batch index for a factor that is not positive definite.
 * @example
 * const l = kroneckerCholesky(kron);
 * @see C. F. Van Loan, "The ubiquitous Kronecker product", J. Comput. Appl. Math. 123, 2000.
 * @category Kronecker
 */
export function cholesky<T extends TensorTrain | TensorTrainBatch>(kron: T): T;
export function cholesky(kron: TensorTrain | TensorTrainBatch): TensorTrain | TensorTrainBatch {
  const batchSize = assertKronecker(kron, 'kroneckerCholesky');
  return tidyObject(() => {
    const factors = mapFactors(kroneckerFactors(kron, batchSize), 'kroneckerCholesky', choleskyMatrix);
    return fromBatchedCores(kroneckerCores(factors), batchSize);
  });
}
