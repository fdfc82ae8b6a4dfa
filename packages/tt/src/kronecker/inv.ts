import { inv as invMatrix } from '@proj/core/linalg';
import { tidyObject } from '@proj/core/ops';
import { fromBatchedCores } from '../internal/batch.js';
import { assertKronecker, kroneckerCores, kroneckerFactors, mapFactors } from '../internal/kronecker.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Inverse of a Kronecker product of square matrices given as a TT-matrix with TT-ranks 1 (T3F
 * `kronecker.inv`): (A_1 ⊗ ... ⊗ A_d)⁻¹ = A_1⁻¹ ⊗ ... ⊗ A_d⁻¹, again TT-ranks 1. One batched
 * `@proj/core/linalg` `inv` (LU in float64 on the host) per core. Differentiable.
 *
 * Complexity: O(Σ_k n_k³) per element instead of O(N³).
 *
 * @param kron a TT-matrix (or batch) with all TT-ranks 1 and square, invertible cores [1, n_k, n_k, 1].
 * @returns a new TT-matrix of the same kind, shape and ranks.
 * @throws Error naming `kroneckerInv` for a TT-tensor, a TT-rank other than 1 or a non-square core; an error naming
 *   `kroneckerInv`, the core and the batch index for a singular factor.
 * @example
 * const inverse = kroneckerInv(kron); // full(inverse) = inverse of full(kron)
 * @see C. F. Van Loan, "The ubiquitous Kronecker product", J. Comput. Appl. Math. 123, 2000.
 * @category Kronecker
 */
export function inv<T extends TensorTrain | TensorTrainBatch>(kron: T): T;
export function inv(kron: TensorTrain | TensorTrainBatch): TensorTrain | TensorTrainBatch {
  const batchSize = assertKronecker(kron, 'kroneckerInv');
  return tidyObject(() => {
    const inverses = mapFactors(kroneckerFactors(kron, batchSize), 'kroneckerInv', invMatrix);
    return fromBatchedCores(kroneckerCores(inverses), batchSize);
  });
}
