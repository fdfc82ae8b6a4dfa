import * as tf from '@tensorflow/tfjs-core';
import { type BoundForm, boundArguments, groupedLogWeights } from './internal/bound-arguments.js';
import { logAddExpConstant } from './internal/log-add-exp.js';
import { logMeanExp } from './internal/log-mean-exp.js';

/** Options of {@link robustBound} and {@link robustWeights}. Unknown keys are an error. */
export interface RobustBoundOptions {
  /**
   * log α, the robustness level: finite, or −Infinity for the plain ELBO (k = 1) / IWAE (k > 1) bound. Objects
   * whose evidence p(x) is far below α contribute about log α and hardly any gradient.
   */
  readonly logAlpha: number;
  /** Samples per importance group k; default S = logJoint.shape[0]. Must divide S. */
  readonly k?: number;
  /**
   * 'jensen' (default): the mean over the S/k groups of log(α + (1/k) Σᵢ wᵢ), the paper's bound.
   * 'loose': log(α + exp(L)) with L the mean over the groups of log((1/k) Σᵢ wᵢ) (the ELBO/IWAE estimate); never
   * above the Jensen form on the same samples (log(α + eᵗ) is convex in t), kept as a reference.
   */
  readonly form?: BoundForm;
}

/**
 * The robust variational lower bound of every object: with importance weights wₛ = p(x, zₛ)/q(zₛ | x) of S
 * samples zₛ ~ q(z | x) split into S/k consecutive groups of k, the estimate of E log(α + (1/k) Σ_{i≤k} wᵢ) ≤
 * log(α + p(x)) (Jensen) averaged over the groups, computed as logaddexp(log α, logmeanexp_k(log w)) so no weight
 * is ever formed (log w of −1e4 or +800 is fine). The bound grows with k (in expectation), exceeds log α, and
 * for log α = −∞ it is exactly the ELBO (k = 1) or the IWAE bound (k > 1), values and gradients. Its gradient
 * w.r.t. log wₛ is sigmoid(logmeanexp_k(log w) − log α)·softmax_k(log w)ₛ / (S/k): the ELBO/IWAE gradient
 * scaled per object by the weight of {@link robustWeights}. Differentiable w.r.t. both inputs; memory-neutral.
 *
 * Shapes: `logJoint` and `logQ` [S, B] (S samples per object, B objects): log p(x, zₛ) and log q(zₛ | x);
 * returns [B]. Complexity: O(S·B) time, O(S·B) memory; reads no tensor data.
 *
 * @param logJoint log p(x_b, z_{s,b}), float32 [S, B].
 * @param logQ log q(z_{s,b} | x_b), float32 [S, B].
 * @param options `logAlpha` (required), `k` (default S), `form` (default 'jensen').
 * @returns the per-object bound, float32 [B].
 * @throws Error naming `robustBound` and the argument: tensors that are not float32 of rank 2, shapes that
 *   differ, S = 0; `logAlpha` NaN or +∞ or not a number; `k` not an integer in [1, S] dividing S; an unknown
 *   `form` or option key.
 * @example
 * // 10 samples of 3 objects, two groups of k = 5; log α = −300 nats.
 * const bound = robustBound(logJoint, logQ, { logAlpha: -300, k: 5 }); // [3]
 * const loss = tf.neg(tf.mean(bound));
 * @see Figurnov, Struminsky, Vetrov, "Robust Variational Inference", arXiv:1611.09226 (2016), the robust
 *   evidence log(α + p(x)) and its lower bound; Burda, Grosse, Salakhutdinov, "Importance Weighted
 *   Autoencoders", ICLR 2016, for the k-sample bound.
 * @category Bounds
 */
export function robustBound(logJoint: tf.Tensor, logQ: tf.Tensor, options: RobustBoundOptions): tf.Tensor1D {
  const args = boundArguments('robustBound', logJoint, logQ, options);
  return tf.tidy(() => {
    const groups = logMeanExp(groupedLogWeights(logJoint, logQ, args), 1); // [S/k, B]
    if (args.form === 'loose') return logAddExpConstant(args.logAlpha, tf.mean(groups, 0)) as tf.Tensor1D;
    return tf.mean(logAddExpConstant(args.logAlpha, groups), 0) as tf.Tensor1D;
  });
}
