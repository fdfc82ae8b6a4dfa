import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { customOp } from './internal/custom-op.js';
import { luFactor, luSolve } from './internal/lu.js';
import { describeMatrix, matrixBatch } from './internal/matrix-batch.js';
import { invGrad } from './inv-grad.js';

/**
 * Inverse of a square matrix or of each matrix of a batch.
 *
 * LU with partial pivoting on the host in float64, then n solves with the columns of the identity, rounded
 * once to float32. Nearly singular matrices give large, inaccurate inverses, as in numpy; exactly singular ones
 * (a zero pivot) throw. To apply an inverse, {@link solve} is cheaper and more accurate.
 *
 * Gradient: x̄ = −yᵀ·ȳ·yᵀ with y = x⁻¹ (recomputed, so that it is differentiable again).
 *
 * @param x [..., n, n], nonsingular.
 * @returns x⁻¹ [..., n, n].
 * @throws Error naming `inv` for a singular matrix (with its batch index), non-square or rank < 2 input, or
 * non-numeric input (bool tensors included). Not for NaN or ±∞: float64 IEEE arithmetic propagates them.
 *
 * Complexity: 8n³/3 flops per matrix; the gradient adds an inverse and two GEMMs.
 *
 * @example
 * inv([[2, 1], [1, 1]]); // [[1, -1], [-1, 2]]
 * @see M. B. Giles, An extended collection of matrix derivative results for forward and reverse mode
 * algorithmic differentiation, Oxford NA report 08/01, 2008 (the gradient).
 * @category Linear algebra
 */
export function inv(x: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'inv');
    const { batchShape, batchSize, rows: n } = matrixBatch(a, 'x', 'inv', true);
    const values = a.dataSync();
    const out = new Float32Array(batchSize * n * n);
    const lu = new Float64Array(n * n);
    const pivots = new Int32Array(n);
    const inverse = new Float64Array(n * n);
    for (let b = 0; b < batchSize; b++) {
      for (let i = 0; i < n * n; i++) lu[i] = values[b * n * n + i]!;
      if (luFactor(lu, n, pivots).zeroPivot >= 0) throw new Error(`inv: ${describeMatrix(b, batchShape)} is singular`);
      inverse.fill(0);
      for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
      luSolve(lu, n, pivots, inverse, n);
      out.set(inverse, b * n * n);
    }
    const value = tf.tensor(out, a.shape);
    return customOp([a], (save) => {
      save([a]);
      return { value, gradFunc: (dy, [savedA]) => [invGrad(savedA!, dy)] };
    });
  });
}
