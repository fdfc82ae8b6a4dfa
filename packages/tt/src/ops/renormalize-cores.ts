import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { coresWithBatch, fromBatchedCores } from '../internal/batch.js';
import { showValue } from '../internal/describe.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/** Options of {@link renormalizeCores}. */
export interface RenormalizeCoresOptions {
  /** Floor ε ≥ 0 of each core's squared norm (norms below √ε count as √ε). Default 1e-8. */
  readonly epsilon?: number;
}

/**
 * Rescales the cores so that all have the same Frobenius norm, the geometric mean of the original core norms;
 * the represented tensor does not change (T3F `renormalize_tt_cores`). Core k is multiplied by
 * g/‖G_k‖ with ‖G_k‖ = √max(Σ G_k², ε) and g = (Π_k ‖G_k‖)^(1/d); the factors multiply to 1. Batches are
 * renormalized element by element. Differentiable, representation-invariant (full(result) = full(tt)).
 *
 * Use it to keep cores balanced, e.g. after gradient steps on the cores: long products of unbalanced cores
 * overflow or underflow float32. With `epsilon: 0` a zero core gives NaN.
 *
 * Complexity: O(Σ_k r_{k−1}·n_k·r_k) per element, a few ops per core.
 *
 * @param tt a TT-tensor, TT-matrix or a batch of either.
 * @param options `epsilon` (default 1e-8).
 * @returns a new TT object of the same kind, shape and ranks.
 * @throws Error naming `renormalizeCores` for a negative or non-finite `epsilon`, a non-TT argument, disposed
 *   cores or an unknown option.
 * @example
 * const balanced = renormalizeCores(tt); // every core has norm (Π‖G_k‖)^(1/d)
 * @see Novikov et al., "Tensor Train decomposition on TensorFlow (T3F)", JMLR 21(30), 2020.
 * @category Norms
 */
export function renormalizeCores<T extends TensorTrain | TensorTrainBatch>(tt: T, options?: RenormalizeCoresOptions): T;
export function renormalizeCores(
  tt: TensorTrain | TensorTrainBatch,
  options: RenormalizeCoresOptions = {},
): TensorTrain | TensorTrainBatch {
  const batchSize = assertTT(tt, 'renormalizeCores', 'tt');
  assertOptions('renormalizeCores', options, ['epsilon']);
  const { epsilon = 1e-8 } = options ?? {};
  if (!(typeof epsilon === 'number' && epsilon >= 0 && epsilon < Number.POSITIVE_INFINITY)) {
    throw new Error(
      `renormalizeCores: argument 'epsilon' must be a finite non-negative number, got ${showValue(epsilon)}`,
    );
  }
  return tidyObject(() => {
    const b = batchSize ?? 1;
    const cores = coresWithBatch(tt, b);
    const broadcastShape = [b, ...cores[0]!.shape.slice(1).map(() => 1)];
    const axes = broadcastShape.slice(1).map((_, i) => i + 1);
    const logNorms = cores.map((core) => tf.mul(0.5, tf.log(tf.maximum(tf.sum(tf.square(core), axes), epsilon))));
    const meanLogNorm = tf.div(tf.addN(logNorms), tt.ndims);
    const scaled = cores.map((core, k) =>
      tf.mul(core, tf.reshape(tf.exp(tf.sub(meanLogNorm, logNorms[k]!)), broadcastShape)),
    );
    return fromBatchedCores(scaled, batchSize);
  });
}
