import * as tf from '@tensorflow/tfjs-core';
import { unstack } from '../internal/unstack.js';
import { assertFloatTensor, shown } from '../internal/validate.js';

/**
 * The ACT block output Σ_n p_n·s_n: the unit states weighted by the halting distribution. `states` are the
 * L states s_1..s_L, each [B, ...D]; `distribution` is [...S, L] with S a prefix of [B, ...D] (S = [B] for
 * ACT: one weight per example; S = [B, H, W] for SACT with states [B, H, W, C]: one weight per position).
 *
 * Complexity: O(L·|s|), 2·L kernels. Graves 2016, eq. (9); Figurnov et al., CVPR 2017.
 *
 * @throws Error naming `haltingOutput` and the argument for an empty or ragged list of states, or a
 *   distribution whose shape is not [...S, L] with S a prefix of the states' shape.
 * @example
 * const output = haltingOutput([s1, s2, s3], halting.haltingDistribution);
 */
export function haltingOutput(states: readonly tf.Tensor[], distribution: tf.Tensor): tf.Tensor {
  const fn = 'haltingOutput';
  if (!Array.isArray(states) || states.length === 0) {
    throw new Error(`${fn}: argument 'states' must be a non-empty array of tensors, got ${shown(states)}`);
  }
  const first = assertFloatTensor(states[0], fn, 'states[0]', '[B, ...D]');
  states.forEach((s, i) => {
    assertFloatTensor(
      s,
      fn,
      `states[${i}]`,
      `[${first.shape.join(', ')}] (the shape of states[0])`,
      [first.rank],
      first.shape,
    );
  });
  const cells = first.shape.slice(0, distribution instanceof tf.Tensor ? distribution.rank - 1 : 0);
  assertFloatTensor(
    distribution,
    fn,
    'distribution',
    `[...S, ${states.length}] with S a prefix of [${first.shape.join(', ')}]`,
    Array.from({ length: first.rank }, (_, i) => i + 2),
    [...cells, states.length],
  );
  return tf.tidy(() => {
    const trailing = new Array<number>(first.rank - cells.length).fill(1);
    const weights = unstack(distribution, distribution.rank - 1);
    return tf.addN(states.map((s, n) => tf.mul(s, tf.reshape(weights[n]!, [...cells, ...trailing]))));
  });
}
