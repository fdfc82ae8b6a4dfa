import * as tf from '@tensorflow/tfjs-core';
import { boundArguments, groupedLogWeights } from './internal/bound-arguments.js';
import { logMeanExp } from './internal/log-mean-exp.js';
import type { RobustBoundOptions } from './robust-bound.js';

/**
 * The per-object, per-group gradient weights of {@link robustBound}: sigmoid(logmeanexp_k(log w) − log α) =
 * w̄/(α + w̄) with w̄ = (1/k) Σ_{i≤k} wᵢ, in [0, 1]: about 1 for objects the model explains (w̄ ≫ α, gradient
 * as for the ELBO/IWAE) and about 0 for objects it treats as noise (w̄ ≪ α, ignored). Exactly 1 for
 * log α = −∞. Computed in the log domain (no weight is formed); `form` is ignored. Memory-neutral.
 *
 * Shapes: `logJoint` and `logQ` [S, B]; returns [S/k, B] (group g holds samples g·k … g·k + k − 1).
 * Complexity: O(S·B) time and memory; reads no tensor data.
 *
 * @param logJoint log p(x_b, z_{s,b}), float32 [S, B].
 * @param logQ log q(z_{s,b} | x_b), float32 [S, B].
 * @param options as {@link robustBound}: `logAlpha` (required), `k` (default S), `form` (checked, ignored).
 * @returns the weights, float32 [S/k, B].
 * @throws Error naming `robustWeights` and the argument, for the inputs {@link robustBound} rejects.
 * @example
 * const weights = robustWeights(logJoint, logQ, { logAlpha: -300, k: 1 }); // [S, B]
 * const perObject = tf.mean(weights, 0); // ≈ 1 clean, ≈ 0 noise
 * @see Figurnov, Struminsky, Vetrov, "Robust Variational Inference", arXiv:1611.09226 (2016): the gradient
 *   E_q[sigmoid(log w − log α)·∇ log w].
 * @category Bounds
 */
export function robustWeights(logJoint: tf.Tensor, logQ: tf.Tensor, options: RobustBoundOptions): tf.Tensor2D {
  const args = boundArguments('robustWeights', logJoint, logQ, options);
  return tf.tidy(() => {
    const groups = logMeanExp(groupedLogWeights(logJoint, logQ, args), 1);
    if (args.logAlpha === Number.NEGATIVE_INFINITY) return tf.onesLike(groups) as tf.Tensor2D;
    return tf.sigmoid(tf.sub(groups, args.logAlpha)) as tf.Tensor2D;
  });
}
