import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { detGrad } from './det-grad.js';
import { customOp } from './internal/custom-op.js';
import { hostDeterminants } from './internal/determinants.js';
import { matrixBatch } from './internal/matrix-batch.js';

/**
 * Determinant of a square matrix or of each matrix of a batch. A singular matrix has determinant 0 (no
 * error). The float64 value is rounded to float32, so it overflows to ±∞ beyond 3.4e38 (about n = 40 for
 * entries of size 10): use {@link slogdet} for large matrices.
 *
 * LU with partial pivoting on the host in float64: det = sign(P)·Π u_ii.
 *
 * Gradient: x̄ = ȳ·det(x)·x⁻ᵀ (Jacobi's formula), through {@link inv}; differentiable again. It throws at a
 * singular matrix, where this formula has no value.
 *
 * @param x [..., n, n].
 * @returns det [...] (a scalar for one matrix).
 * @throws Error naming `det` for non-square or rank < 2 input, or non-numeric input (bool tensors included). Not for
 * NaN or ±∞: float64 IEEE arithmetic propagates them (det of diag(∞, 1) is ∞).
 *
 * Complexity: 2n³/3 flops per matrix; the gradient adds an inverse.
 *
 * @example
 * det([[1, 2], [3, 4]]); // -2
 * @see M. B. Giles, An extended collection of matrix derivative results for forward and reverse mode
 * algorithmic differentiation, Oxford NA report 08/01, 2008 (the gradient).
 * @category Linear algebra
 */
export function det(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'det');
    const batch = matrixBatch(a, 'x', 'det', true);
    const value = tf.tensor(Float32Array.from(hostDeterminants(a.dataSync(), batch).det), batch.batchShape);
    return customOp([a], (save) => {
      save([a]);
      return { value, gradFunc: (dy, [savedA]) => [detGrad(savedA!, dy)] };
    });
  });
}
