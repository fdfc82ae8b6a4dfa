import { type SlogdetResult, slogdet } from '@proj/core/linalg';
import * as tf from '@tensorflow/tfjs-core';
import { assertKronecker, kroneckerFactors } from '../internal/kronecker.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Sign and log-absolute-determinant of a Kronecker product A = A_1 ⊗ ... ⊗ A_d of square matrices, given as a
 * TT-matrix with TT-ranks 1 (T3F `kronecker.slog_determinant`): with N = Π n_k,
 * log|det A| = Σ_k (N/n_k)·log|det A_k| and sign = Π_k sign(det A_k)^(N/n_k), the parity of N/n_k taken exactly.
 * det A = sign·exp(logAbsDet), finite where {@link determinant} overflows float32. A singular factor gives
 * sign 0 and logAbsDet −∞. Per-factor determinants come from `@proj/core/linalg` `slogdet` (LU in float64 on
 * the host), one batched call per core.
 *
 * Differentiable: ∂logAbsDet/∂A_k = (N/n_k)·A_k⁻ᵀ (the gradient throws at a singular factor); sign has a zero
 * gradient.
 *
 * Complexity: O(Σ_k n_k³) per element.
 *
 * @param kron a TT-matrix (or batch) with all TT-ranks 1 and square cores [1, n_k, n_k, 1].
 * @returns `{sign, logAbsDet}`: scalars for a single TT, [B] for a batch.
 * @throws Error naming `kroneckerSlogDeterminant` for a TT-tensor, a TT-rank other than 1 or a non-square core.
 * @example
 * const { sign, logAbsDet } = kroneckerSlogDeterminant(kron); // det = sign · exp(logAbsDet)
 * @see C. F. Van Loan, "The ubiquitous Kronecker product", J. Comput. Appl. Math. 123, 2000 (det(A ⊗ B) =
 *   det(A)^n_B·det(B)^n_A).
 * @category Kronecker
 */
export function slogDeterminant(kron: TensorTrain | TensorTrainBatch): SlogdetResult {
  const batchSize = assertKronecker(kron, 'kroneckerSlogDeterminant');
  const [sign, logAbsDet] = tf.tidy(() => kroneckerSlogdet(kron, batchSize));
  return { sign, logAbsDet };
}

/**
 * [sign, logAbsDet] of a checked Kronecker TT-matrix, scalars or [B]. Shared with {@link determinant} (a private
 * helper of this file). Call inside a tidy.
 */
export function kroneckerSlogdet(
  kron: TensorTrain | TensorTrainBatch,
  batchSize: number | undefined,
): [tf.Tensor, tf.Tensor] {
  const sizes = kron.rawShape[0];
  const total = sizes.reduce((acc, n) => acc * BigInt(n), 1n);
  let sign: tf.Tensor | undefined;
  let logAbsDet: tf.Tensor | undefined;
  kroneckerFactors(kron, batchSize).forEach((factor, k) => {
    const power = total / BigInt(sizes[k]!);
    const core = slogdet(factor);
    // sign^power: the sign itself for odd powers; for even powers 1, or 0 for a singular factor.
    const coreSign = power % 2n === 1n ? core.sign : tf.square(core.sign);
    const coreLog = tf.mul(core.logAbsDet, Number(power));
    sign = sign === undefined ? coreSign : tf.mul(sign, coreSign);
    logAbsDet = logAbsDet === undefined ? coreLog : tf.add(logAbsDet, coreLog);
  });
  const shape = batchSize === undefined ? [] : [batchSize];
  return [tf.reshape(sign!, shape), tf.reshape(logAbsDet!, shape)];
}
