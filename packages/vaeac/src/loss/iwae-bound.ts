import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensors } from '../internal/validate.js';

/**
 * The importance-weighted bound from K log-weights per object: log (1/K) Σ_k exp(w_k), via logsumexp.
 * logWeights [K, n] with w_k = log p_θ(x_b | z_k, x_o, b) + log p_ψ(z_k | x_o, b) − log q_φ(z_k | x, b) → [n].
 * O(K·n). Reference: Burda, Grosse, Salakhutdinov 2016; VAEAC uses it (K = 25) for validation.
 *
 * @throws Error naming `iwaeBound` for anything but a live, non-empty float32 tensor of rank ≥ 1.
 */
export function iwaeBound(logWeights: tf.Tensor): tf.Tensor {
  assertFloatTensors('iwaeBound', ['logWeights'], [logWeights]);
  return tf.tidy(() => tf.sub(tf.logSumExp(logWeights, 0), Math.log(logWeights.shape[0] as number)));
}
