import * as tf from '@tensorflow/tfjs-core';
import { cholesky } from './cholesky.js';
import { transposeMatrices } from './internal/matrix-batch.js';
import { triangularSolve } from './triangular-solve.js';

/**
 * Gradient of L = {@link cholesky}(a): given a and the cotangent L̄ (both [..., n, n]), returns the symmetric
 * Ā = ½(G + Gᵀ) with G = L⁻ᵀ·Φ(Lᵀ·L̄)·L⁻¹, where Φ keeps the lower triangle and halves the diagonal
 * (Murray 2016, eq. 10; the formula of TensorFlow's CholeskyGrad). L⁻ᵀ and L⁻¹ are applied as triangular
 * solves, never formed: Gᵀ = L⁻ᵀ·(L⁻ᵀ·Φ)ᵀ. L is recomputed from a with the differentiable ops, so that
 * gradients of this gradient are right too (tfjs drops the tape links of saved outputs).
 */
export function choleskyGrad(a: tf.Tensor, dl: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const l = cholesky(a);
    const n = l.shape[l.rank - 1]!;
    const phi = tf.tensor2d(
      Float32Array.from({ length: n * n }, (_, i) => {
        const [row, col] = [Math.floor(i / n), i % n];
        return row > col ? 1 : row === col ? 0.5 : 0;
      }),
      [n, n],
    );
    const middle = tf.mul(tf.matMul(l, dl, true, false), phi);
    const left = triangularSolve(l, middle, { lower: true, adjoint: true });
    const gTransposed = triangularSolve(l, transposeMatrices(left), { lower: true, adjoint: true });
    return tf.mul(tf.add(gTransposed, transposeMatrices(gTransposed)), 0.5);
  });
}
