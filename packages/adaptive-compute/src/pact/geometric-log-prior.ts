import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensor, assertNumber } from '../internal/validate.js';

/**
 * The (relaxed) log-prior of PACT's halting variables, E_p[log p(N)] = Σ_n p_n·log p(N = n), for the prior
 * with independent Bernoulli(π) halting variables (z_L = 1): the truncated geometric p(N = n) = (1 − π)^{n−1}·π
 * for n < L and (1 − π)^{L−1} for n = L. log p(N) is linear in N with slope log(1 − π) < 0, so −log-prior plays
 * the role of ACT's ponder penalty τ·N (τ = −log(1 − π)); a smaller π favours less computation less.
 * `distribution` [...S, L] is a halting distribution (e.g. {@link stickBreaking}'s); returns [...S].
 *
 * Complexity: O(|S|·L), 3 kernels. Figurnov, Sobolev, Vetrov, _Probabilistic Adaptive Computation Time_, 2017.
 *
 * @throws Error naming `geometricLogPrior` and the argument for a distribution that is not float32 of rank
 *   ≥ 1 with L ≥ 1, or π outside (0, 1).
 * @example
 * const loss = tf.sub(taskLoss, tf.mean(geometricLogPrior(stage.haltingDistribution, 0.2)));
 */
export function geometricLogPrior(distribution: tf.Tensor, haltProbability: number): tf.Tensor {
  const fn = 'geometricLogPrior';
  assertFloatTensor(distribution, fn, 'distribution', '[...S, L] of rank ≥ 1', [1, 2, 3, 4, 5, 6]);
  const pi = assertNumber(haltProbability, fn, 'haltProbability', 'a number in (0, 1)', (x) => x > 0 && x < 1);
  const units = distribution.shape[distribution.rank - 1]!;
  const logPrior = Array.from({ length: units }, (_, i) =>
    i < units - 1 ? i * Math.log1p(-pi) + Math.log(pi) : i * Math.log1p(-pi),
  );
  return tf.tidy(() => tf.sum(tf.mul(distribution, tf.tensor1d(logPrior)), -1));
}
