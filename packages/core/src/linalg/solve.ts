import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { customOp } from './internal/custom-op.js';
import { luFactor, luSolve } from './internal/lu.js';
import { describeMatrix } from './internal/matrix-batch.js';
import { solvePairs, solveShapes } from './internal/paired-solve.js';
import { solveGrad } from './solve-grad.js';

/**
 * Solves a·x = b for x, for a matrix or a batch. `a` is [..., n, n], `b` is [..., n, k] (a vector is a
 * k = 1 matrix [..., n, 1]); their batch shapes broadcast with numpy's rules, so one `a` can serve a batch of
 * right-hand sides and vice versa.
 *
 * LU with partial pivoting on the host in float64 (each distinct matrix of `a` is factored once), rounded
 * once to float32. Nearly singular matrices give large, inaccurate solutions, as in numpy; exactly singular ones
 * (a zero pivot) throw.
 *
 * Gradient (both arguments): b̄ = a⁻ᵀ·x̄ and ā = −b̄·xᵀ, each summed over the batch axes its argument was
 * broadcast along; made of {@link solve} (x recomputed) and a GEMM, so differentiable again.
 *
 * @param a [..., n, n], nonsingular.
 * @param b [..., n, k].
 * @returns x [...batch, n, k], batch the broadcast of the two batch shapes.
 * @throws Error naming `solve` for a singular matrix (with its batch index in `a`), non-square `a`, rows of
 * `b` ≠ n, batch shapes that do not broadcast, rank < 2 or non-numeric input (bool tensors included). Not for
 * NaN or ±∞: float64 IEEE arithmetic propagates them to the entries that depend on them.
 *
 * Complexity: 2n³/3 flops per matrix of `a` plus 2n²k per output matrix.
 *
 * @example
 * solve([[2, 1], [1, 3]], [[3], [5]]); // [[0.8], [1.4]]
 * @see G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., §3.4 (Gaussian elimination with pivoting).
 * @category Linear algebra
 */
export function solve(a: tf.Tensor | tf.TensorLike, b: tf.Tensor | tf.TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const aTensor = toFloatTensor(a, 'a', 'solve');
    const bTensor = toFloatTensor(b, 'b', 'solve');
    const shapes = solveShapes(aTensor, bTensor, 'solve');
    const { batchShape, batchSize, rows: n } = shapes.a;
    const aValues = aTensor.dataSync();
    const factors = new Float64Array(batchSize * n * n);
    const pivots = new Int32Array(batchSize * n);
    for (let i = 0; i < batchSize; i++) {
      const lu = factors.subarray(i * n * n, (i + 1) * n * n);
      for (let j = 0; j < n * n; j++) lu[j] = aValues[i * n * n + j]!;
      if (luFactor(lu, n, pivots.subarray(i * n, (i + 1) * n)).zeroPivot >= 0) {
        throw new Error(`solve: ${describeMatrix(i, batchShape, 'a')} is singular`);
      }
    }
    const x = solvePairs(shapes, bTensor.dataSync(), (aIndex, values) =>
      luSolve(
        factors.subarray(aIndex * n * n, (aIndex + 1) * n * n),
        n,
        pivots.subarray(aIndex * n, (aIndex + 1) * n),
        values,
        shapes.b.cols,
      ),
    );
    return customOp([aTensor, bTensor], (save) => {
      save([aTensor, bTensor]);
      return { value: x, gradFunc: (dy, [savedA, savedB]) => solveGrad(savedA!, savedB!, dy) };
    });
  });
}
