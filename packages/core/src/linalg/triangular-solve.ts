import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { describeValue } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';
import { customOp } from './internal/custom-op.js';
import { describeMatrix } from './internal/matrix-batch.js';
import { solvePairs, solveShapes } from './internal/paired-solve.js';
import { triangularSolveInPlace } from './internal/triangular.js';
import { triangularSolveGrad } from './triangular-solve-grad.js';

/** Options of {@link triangularSolve}. */
export interface TriangularSolveOptions {
  /** Use the lower triangle of `a` (default true) or the upper one. The other triangle is never read. */
  readonly lower?: boolean;
  /** Solve with the transpose of the triangle, Tᵀ·x = b (default false). */
  readonly adjoint?: boolean;
}

/**
 * Solves T·x = b (or Tᵀ·x = b with `adjoint`) for x, where T is the lower (default) or upper triangle of a
 * square matrix `a`, for a matrix or a batch. Batch shapes of `a` and `b` broadcast (numpy rules), as in
 * TensorFlow's `matrix_triangular_solve`.
 *
 * Forward or back substitution on the host in float64, rounded once to float32.
 *
 * Gradient (both arguments): b̄ = T⁻ᵀ·x̄ (a triangular solve with the opposite `adjoint`), and
 * ā = −b̄·xᵀ (or −x·b̄ᵀ for the adjoint) restricted to the triangle read, each summed over broadcast batch
 * axes (TensorFlow's MatrixTriangularSolve gradient); made of {@link triangularSolve} (x recomputed) and a
 * GEMM, so differentiable again.
 *
 * @param a [..., n, n]; only its `lower` (or upper) triangle is read.
 * @param b [..., n, k].
 * @param options `lower` (default true), `adjoint` (default false).
 * @returns x [...batch, n, k], batch the broadcast of the two batch shapes.
 * @throws Error naming `triangularSolve` for a zero on the diagonal (with its batch index), non-square `a`,
 * rows of `b` ≠ n, batch shapes that do not broadcast, rank < 2, non-boolean or unknown options, or non-numeric
 * input (bool tensors included). Not for NaN or ±∞: float64 IEEE arithmetic propagates them.
 *
 * Complexity: n²k flops per output matrix.
 *
 * @example
 * triangularSolve([[2, 0], [1, 4]], [[2], [9]]); // [[1], [2]]
 * @see G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., §3.1 (triangular systems).
 * @category Linear algebra
 */
export function triangularSolve(
  a: tf.Tensor | tf.TensorLike,
  b: tf.Tensor | tf.TensorLike,
  options: TriangularSolveOptions = {},
): tf.Tensor {
  assertOptions('triangularSolve', options, ['lower', 'adjoint']);
  const { lower = true, adjoint = false } = options;
  for (const [name, value] of [
    ['lower', lower],
    ['adjoint', adjoint],
  ] as const) {
    if (typeof value !== 'boolean') {
      throw new Error(
        `triangularSolve: option '${name}' must be a boolean, got ${typeof value === 'string' ? value : describeValue(value)}`,
      );
    }
  }
  return tf.tidy(() => {
    const aTensor = toFloatTensor(a, 'a', 'triangularSolve');
    const bTensor = toFloatTensor(b, 'b', 'triangularSolve');
    const shapes = solveShapes(aTensor, bTensor, 'triangularSolve');
    const n = shapes.a.rows;
    const k = shapes.b.cols;
    const aValues = aTensor.dataSync();
    const x = solvePairs(shapes, bTensor.dataSync(), (aIndex, values) => {
      const zero = triangularSolveInPlace(aValues, aIndex * n * n, n, values, k, lower, adjoint);
      if (zero >= 0) {
        throw new Error(
          `triangularSolve: ${describeMatrix(aIndex, shapes.a.batchShape, 'a')} is singular (zero diagonal entry in row ${zero})`,
        );
      }
    });
    return customOp([aTensor, bTensor], (save) => {
      save([aTensor, bTensor]);
      return {
        value: x,
        gradFunc: (dy, [savedA, savedB]) => triangularSolveGrad(savedA!, savedB!, dy, lower, adjoint),
      };
    });
  });
}
