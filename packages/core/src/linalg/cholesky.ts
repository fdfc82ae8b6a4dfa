import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { choleskyGrad } from './cholesky-grad.js';
import { choleskyFactor } from './internal/cholesky-factor.js';
import { customOp } from './internal/custom-op.js';
import { describeMatrix, matrixBatch } from './internal/matrix-batch.js';

/**
 * Cholesky factor of a symmetric positive-definite matrix or batch: the lower-triangular L with a positive
 * diagonal and x = L·Lᵀ. Only the lower triangle of x is read (the upper one is taken to mirror it, as in
 * LAPACK's potrf with 'L' and numpy); it is not checked for symmetry.
 *
 * Computed on the host in float64 (Cholesky–Banachiewicz), rounded once to float32. A NaN entry gives NaN
 * factors.
 *
 * Gradient: the symmetric one, Ā = ½(G + Gᵀ) with G = L⁻ᵀ·Φ(Lᵀ·L̄)·L⁻¹, Φ taking the lower triangle and
 * halving the diagonal (Murray 2016), via two {@link triangularSolve}s; differentiable again. It is the
 * derivative along symmetric perturbations, so check it on a function of a symmetrized argument:
 * `cholesky((a + aᵀ)/2)`.
 *
 * @param x [..., n, n], symmetric positive definite (lower triangle read).
 * @returns L [..., n, n], lower triangular, zeros above the diagonal.
 * @throws Error naming `cholesky` for a matrix that is not positive definite (with its batch index and the
 * order of the first leading minor that is not positive), non-square or rank < 2 input, or non-numeric input
 * (bool tensors included). Not for NaN: it propagates to the entries that depend on it.
 *
 * Complexity: n³/3 flops per matrix on the host; the gradient recomputes L and adds two triangular solves
 * (n³ flops each) and a GEMM.
 *
 * @example
 * cholesky([[4, 2], [2, 5]]); // [[2, 0], [1, 2]]
 * @see I. Murray, Differentiation of the Cholesky decomposition, arXiv:1602.07527, 2016 (the gradient).
 * @category Linear algebra
 */
export function cholesky(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'cholesky');
    const { batchShape, batchSize, rows: n } = matrixBatch(a, 'x', 'cholesky', true);
    const values = a.dataSync();
    const out = new Float32Array(batchSize * n * n);
    const l = new Float64Array(n * n);
    for (let b = 0; b < batchSize; b++) {
      const failedOrder = choleskyFactor(values, b * n * n, n, l);
      if (failedOrder > 0) {
        throw new Error(
          `cholesky: ${describeMatrix(b, batchShape)} is not positive definite (its leading minor of order ${failedOrder} is not positive)`,
        );
      }
      out.set(l, b * n * n);
    }
    const value = tf.tensor(out, a.shape);
    return customOp([a], (save) => {
      save([a]);
      return { value, gradFunc: (dy, [savedA]) => [choleskyGrad(savedA!, dy)] };
    });
  });
}
