import * as tf from '@tensorflow/tfjs-core';
import { unstack } from '../internal/unstack.js';
import { assertFloatTensor } from '../internal/validate.js';

/**
 * The halting distribution of PACT from (relaxed) halting variables by stick-breaking: z [...S, L − 1] in
 * [0, 1] → p [...S, L] with p_n = z_n·Π_{i<n}(1 − z_i) for n < L and p_L = Π_{i<L}(1 − z_i); rows sum to 1.
 * For binary z it is one-hot at N = min{n : z_n = 1} (L if none), the number of units PACT executes.
 * Differentiable in z.
 *
 * Complexity: O(|S|·L), about 3·L kernels.
 * Figurnov, Sobolev, Vetrov, _Probabilistic Adaptive Computation Time_, 2017.
 *
 * @throws Error naming `stickBreaking` and the argument for z that is not a float32 tensor of rank ≥ 1.
 * @example
 * stickBreaking(tf.tensor2d([[0, 1, 0]])); // [[0, 1, 0, 0]]
 */
export function stickBreaking(z: tf.Tensor): tf.Tensor {
  const fn = 'stickBreaking';
  assertFloatTensor(z, fn, 'z', '[...S, L − 1] of rank ≥ 1', [1, 2, 3, 4, 5, 6]);
  return tf.tidy(() => {
    const axis = z.rank - 1;
    const units = z.shape[axis]!;
    const perUnit = unstack(z, axis);
    const probabilities: tf.Tensor[] = [];
    let stick: tf.Tensor = tf.onesLike(perUnit[0]!);
    for (let n = 0; n < units; n++) {
      probabilities.push(tf.mul(perUnit[n]!, stick));
      stick = tf.mul(stick, tf.sub(1, perUnit[n]!));
    }
    probabilities.push(stick);
    return tf.stack(probabilities, axis);
  });
}
