import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { orthogonalizeCores } from '../decompositions/orthogonalize.js';
import { assertTT } from '../internal/assert.js';
import { showValue } from '../internal/describe.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';
import { flatInner } from './flat-inner.js';

/** Options of {@link frobeniusNormSquared}. */
export interface FrobeniusNormSquaredOptions {
  /**
   * `false` (default): left-to-right orthogonalization, then the squared norm of the last core (stable, not
   * differentiable). `true`: ⟨A, A⟩ by {@link flatInner} (representation-invariant and differentiable, but it
   * sums terms of both signs and loses relative accuracy when ‖A‖ is much smaller than the cores suggest).
   */
  readonly differentiable?: boolean;
}

/**
 * Squared Frobenius norm ‖A‖_F² = Σ_i A(i)² of a TT object (T3F `frobenius_norm_squared`).
 *
 * By default the cores are orthogonalized left to right ({@link orthogonalize}), after which ‖A‖_F is the norm of
 * the last core. With `differentiable: true` it is {@link flatInner}(A, A), which `tf.grad` can differentiate
 * (the default path throws under a gradient, since QR has none). TT-matrices are measured as tensors with
 * modes m_k·n_k.
 *
 * Complexity: O(d·n·r³) per element either way (r = max rank); the default path runs d − 1 host QRs.
 *
 * @param tt a TT-tensor, TT-matrix or a batch of either.
 * @param options `differentiable` (default false).
 * @returns a scalar for a single TT, [B] for a batch.
 * @throws Error naming `frobeniusNormSquared` for a non-TT argument, disposed cores, a non-boolean
 *   `differentiable` or an unknown option. Cores with NaN or ±Infinity give NaN or ±Infinity (no error).
 * @example
 * frobeniusNormSquared(tt); // scalar ‖tt‖_F²
 * tf.grad((c) => frobeniusNormSquared(new TensorTrain([c, ...rest]), { differentiable: true }))(core);
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 * @category Norms
 */
export function frobeniusNormSquared(
  tt: TensorTrain | TensorTrainBatch,
  options: FrobeniusNormSquaredOptions = {},
): tf.Tensor {
  const batchSize = assertTT(tt, 'frobeniusNormSquared', 'tt');
  assertOptions('frobeniusNormSquared', options, ['differentiable']);
  const { differentiable = false } = options ?? {};
  if (typeof differentiable !== 'boolean') {
    throw new Error(
      `frobeniusNormSquared: argument 'differentiable' must be a boolean, got ${showValue(differentiable)}`,
    );
  }
  if (differentiable) return flatInner(tt, tt);
  return tf.tidy(() => {
    const last = orthogonalizeCores(tt, batchSize).cores[tt.ndims - 1]!;
    const offset = batchSize === undefined ? 0 : 1;
    return tf.sum(
      tf.square(last),
      [0, 1, 2, 3].slice(0, last.rank - offset).map((axis) => axis + offset),
    );
  });
}
