import * as tf from '@tensorflow/tfjs-core';
import { reduceToShape } from '../internal/host-elementwise.js';
import { triangularSolve } from './triangular-solve.js';

/**
 * Gradients of x = {@link triangularSolve}(a, b) given x̄ = dy: b̄ = T⁻ᵀ·x̄ (the solve with the opposite
 * `adjoint`), ā = −b̄·xᵀ, or −x·b̄ᵀ for the adjoint, masked to the triangle that was read; both summed back
 * to the shapes of a and b over broadcast batch axes (TensorFlow's MatrixTriangularSolve gradient). x is
 * recomputed from a and b, so that gradients of this gradient are right too.
 */
export function triangularSolveGrad(
  a: tf.Tensor,
  b: tf.Tensor,
  dy: tf.Tensor,
  lower: boolean,
  adjoint: boolean,
): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const x = triangularSolve(a, b, { lower, adjoint });
    const gradB = triangularSolve(a, dy, { lower, adjoint: !adjoint });
    const outer = adjoint ? tf.matMul(x, gradB, false, true) : tf.matMul(gradB, x, false, true);
    const n = a.shape[a.rank - 1]!;
    const mask = tf.tensor2d(
      Float32Array.from({ length: n * n }, (_, i) => {
        const [row, col] = [Math.floor(i / n), i % n];
        return (lower ? row >= col : row <= col) ? 1 : 0;
      }),
      [n, n],
    );
    const gradA = tf.neg(tf.mul(outer, mask));
    return [reduceToShape(gradA, a.shape), reduceToShape(gradB, b.shape)];
  });
}
