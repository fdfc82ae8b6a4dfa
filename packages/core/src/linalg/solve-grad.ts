import * as tf from '@tensorflow/tfjs-core';
import { reduceToShape } from '../internal/host-elementwise.js';
import { transposeMatrices } from './internal/matrix-batch.js';
import { solve } from './solve.js';

/**
 * Gradients of x = {@link solve}(a, b) given x̄ = dy: b̄ = a⁻ᵀ·x̄ and ā = −b̄·xᵀ (Giles 2008), both summed back
 * to the shapes of a and b over broadcast batch axes. x is recomputed from a and b, so that gradients of
 * this gradient are right too.
 */
export function solveGrad(a: tf.Tensor, b: tf.Tensor, dy: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const gradB = solve(transposeMatrices(a), dy);
    const gradA = tf.neg(tf.matMul(gradB, solve(a, b), false, true));
    return [reduceToShape(gradA, a.shape), reduceToShape(gradB, b.shape)];
  });
}
