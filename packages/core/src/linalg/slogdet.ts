import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { customOp, zeroGradient } from './internal/custom-op.js';
import { hostDeterminants } from './internal/determinants.js';
import { matrixBatch } from './internal/matrix-batch.js';
import { slogdetGrad } from './slogdet-grad.js';

/** The determinant as sign·exp(logAbsDet), from {@link slogdet}. */
export interface SlogdetResult {
  /** Sign of the determinant [...]: ±1, or 0 for a singular matrix. */
  readonly sign: tf.Tensor;
  /** log|det| [...]: −∞ for a singular matrix. */
  readonly logAbsDet: tf.Tensor;
}

/**
 * Sign and log-magnitude of the determinant of a square matrix or of each matrix of a batch,
 * det = sign·exp(logAbsDet) (numpy's `slogdet`). Unlike {@link det} it does not overflow: log|det| =
 * Σ log|u_ii| is summed pivot by pivot. A singular matrix gives sign 0 and logAbsDet −∞ (no error).
 *
 * LU with partial pivoting on the host in float64, rounded once to float32.
 *
 * Gradient: of logAbsDet, x̄ = ȳ·x⁻ᵀ, through {@link inv} (differentiable again; throws at a singular
 * matrix); of sign, zero (it is piecewise constant).
 *
 * @param x [..., n, n].
 * @returns `{sign, logAbsDet}`, each [...] (scalars for one matrix).
 * @throws Error naming `slogdet` for non-square or rank < 2 input, or non-numeric input (bool tensors included). Not
 *   for
 * NaN or ±∞: float64 IEEE arithmetic propagates them (det of diag(∞, 1) is ∞).
 *
 * Complexity: 2n³/3 flops per matrix; the gradient adds an inverse.
 *
 * @example
 * const { sign, logAbsDet } = slogdet([[1, 2], [3, 4]]); // -1, log 2
 * @see M. B. Giles, An extended collection of matrix derivative results for forward and reverse mode
 * algorithmic differentiation, Oxford NA report 08/01, 2008 (the gradient).
 * @category Linear algebra
 */
export function slogdet(x: tf.Tensor | tf.TensorLike): SlogdetResult {
  const [sign, logAbsDet] = tf.tidy(() => {
    const a = toFloatTensor(x, 'x', 'slogdet');
    const batch = matrixBatch(a, 'x', 'slogdet', true);
    const host = hostDeterminants(a.dataSync(), batch);
    const logValue = tf.tensor(Float32Array.from(host.logAbsDet), batch.batchShape);
    return [
      zeroGradient(a, tf.tensor(Float32Array.from(host.sign), batch.batchShape)),
      customOp([a], (save) => {
        save([a]);
        return { value: logValue, gradFunc: (dy, [savedA]) => [slogdetGrad(savedA!, dy)] };
      }),
    ];
  });
  return { sign, logAbsDet };
}
