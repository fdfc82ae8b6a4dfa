import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { showValue } from '../internal/describe.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { frobeniusNormSquared } from './frobenius-norm-squared.js';

/** Options of {@link frobeniusNorm}. */
export interface FrobeniusNormOptions {
  /** As in {@link frobeniusNormSquared}: `true` for the differentiable flat-inner path. Default false. */
  readonly differentiable?: boolean;
  /**
   * ε ≥ 0 added under the square root, √(‖A‖² + ε), for a smooth gradient at A = 0. Default 0 (exact); T3F's
   * default is 1e-5, which makes the norm of a zero tensor 0.00316.
   */
  readonly epsilon?: number;
}

/**
 * Frobenius norm √(‖A‖_F² + ε) of a TT object (T3F `frobenius_norm`, but with ε = 0 by default).
 *
 * Default path: left-to-right orthogonalization and the norm of the last core (stable, not differentiable).
 * `differentiable: true`: √(flatInner(A, A) + ε), differentiable with `tf.grad` (the gradient A/‖A‖ is
 * unbounded near A = 0 unless ε > 0).
 *
 * Complexity: O(d·n·r³) per element (r = max rank).
 *
 * @param tt a TT-tensor, TT-matrix or a batch of either.
 * @param options `differentiable` (default false), `epsilon` (default 0).
 * @returns a scalar for a single TT, [B] for a batch.
 * @throws Error naming `frobeniusNorm` for a negative or non-finite `epsilon`, a non-TT argument, disposed cores
 *   or an unknown option. Cores with NaN or ±Infinity give NaN or ±Infinity (no error).
 * @example
 * frobeniusNorm(tt); // scalar ‖tt‖_F
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 * @category Norms
 */
export function frobeniusNorm(tt: TensorTrain | TensorTrainBatch, options: FrobeniusNormOptions = {}): tf.Tensor {
  assertTT(tt, 'frobeniusNorm', 'tt');
  assertOptions('frobeniusNorm', options, ['differentiable', 'epsilon']);
  const { differentiable = false, epsilon = 0 } = options ?? {};
  if (typeof differentiable !== 'boolean') {
    throw new Error(`frobeniusNorm: argument 'differentiable' must be a boolean, got ${showValue(differentiable)}`);
  }
  if (!(typeof epsilon === 'number' && epsilon >= 0 && epsilon < Number.POSITIVE_INFINITY)) {
    throw new Error(
      `frobeniusNorm: argument 'epsilon' must be a finite non-negative number, got ${showValue(epsilon)}`,
    );
  }
  return tf.tidy(() => {
    // flatInner(A, A) can round to a tiny negative number when ‖A‖ is far below the size of the cores.
    const squared = tf.relu(frobeniusNormSquared(tt, { differentiable }));
    return tf.sqrt(epsilon === 0 ? squared : tf.add(squared, epsilon));
  });
}
