import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { assertScale } from '../internal/regularizer-scale.js';
import type { TTRegularizer } from './l2-regularizer.js';

/**
 * A penalty summed over the TT-cores (T3F `cores_regularizer`): returns tt ↦ scale·Σ_k
 * coreRegularizer(G_k). The core regularizer sees each core as stored: [r, n, r′] or [r, m, n, r′], with a
 * leading batch axis for a TensorTrainBatch, and must return a tensor (usually a scalar); the results are
 * added with broadcasting. Unlike {@link l2Regularizer}, the penalty depends on the representation, not only
 * on the represented tensor.
 *
 * @param coreRegularizer a function of one core returning a tensor, e.g. `(core) => tf.sum(tf.square(core))`.
 * @param scale the weight of the penalty, a finite number ≥ 0.
 * @returns a function of a TT object returning scale·Σ_k coreRegularizer(G_k).
 * Complexity per call: d calls of `coreRegularizer`, d + 1 op calls.
 * @throws Error naming `coresRegularizer` when `coreRegularizer` is not a function or the scale is invalid;
 *   the returned function throws naming `coresRegularizer` for an argument that is not a live TT object.
 * @example
 * const penalty = coresRegularizer((core) => tf.sum(tf.square(core)), 1e-3); // weight decay on the cores
 * @see T3F `t3f.cores_regularizer`.
 * @category Regularizers
 */
export function coresRegularizer(coreRegularizer: (core: tf.Tensor) => tf.Tensor, scale: number): TTRegularizer {
  if (typeof coreRegularizer !== 'function') {
    throw new Error(
      `coresRegularizer: argument 'coreRegularizer' must be a function of a core returning a tensor, got ${typeof coreRegularizer}`,
    );
  }
  const weight = assertScale(scale, 'coresRegularizer');
  return (tt) => {
    assertTT(tt, 'coresRegularizer', 'tt');
    return tf.tidy(() => {
      const penalties = tt.cores.map((core, k) => {
        const penalty = coreRegularizer(core);
        if (!(penalty instanceof tf.Tensor)) {
          throw new Error(
            `coresRegularizer: argument 'coreRegularizer' must return a tensor, got ${typeof penalty} for core ${k}`,
          );
        }
        return penalty;
      });
      return tf.mul(
        penalties.reduce((sum, penalty) => tf.add(sum, penalty)),
        weight,
      );
    });
  };
}
