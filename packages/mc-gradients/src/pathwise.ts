import * as tf from '@tensorflow/tfjs-core';
import type { BatchEstimator, EstimatorOptions, GradientEstimate } from './estimator.js';
import { checkOptions } from './internal/check-options.js';
import { broadcastParams, evaluateCost, sampleRows, toRecord, unpad } from './internal/per-sample.js';
import { runEstimator } from './internal/run-estimator.js';
import { assertDistribution, gradsOf } from './internal/validate.js';

/**
 * The pathwise estimator (reparameterization trick; survey §5): with x = g(ε; θ), ε independent of θ,
 * ∇θ E[f] = E_ε[∇x f(x)·∇θ g(ε; θ)], estimated by (1/N) Σ_n ∇θ f(g(ε_n; θ)). For N(μ, σ²), x = μ + σε:
 * ∂x/∂μ = 1, ∂x/∂σ = ε. Needs a cost differentiable in x and a distribution whose samples carry gradients:
 * reparameterization `full` (an explicit transform) or `implicit` (implicit reparameterization gradients,
 * ∇θ x = −∇θ F(x; θ)/p(x; θ)). Unbiased; typically the lowest variance for smooth costs, but the variance grows
 * with how fast the cost varies (for cos(kx) it is k²/2 at μ = σ = 1, survey §3).
 *
 * Complexity: N cost evaluations and one backward pass through the cost and the sampler per cost;
 * O(N·|θ|) memory for the per-sample gradients.
 *
 * @throws Error naming `pathwise` for a bad or unknown option (see {@link EstimatorOptions}), parameters
 *   with NaN or infinite entries, a cost that returns another shape or a NaN or infinite value, a factory that
 *   does not return a Distribution or ignores a parameter, a cost that ignores x, and a
 *   distribution whose reparameterization is `none`.
 * @example
 * const { surrogate } = pathwise({ cost, distribution: ({ loc, scale }) => normal({ loc, scale }), params, numSamples: 100, seed: 0 });
 * @see Mohamed, Rosca, Figurnov, Mnih, "Monte Carlo Gradient Estimation in Machine Learning", JMLR 2020, §5.
 * @category Estimators
 */
export function pathwise<P extends string>(options: EstimatorOptions<P>): GradientEstimate<P> {
  const fn = 'pathwise';
  const names = checkOptions(fn, options);
  const [name, reparameterization] = tf.tidy(() => {
    const distribution = assertDistribution(options.distribution(options.params), fn);
    return [distribution.name, distribution.reparameterization];
  });
  if (reparameterization === 'none') {
    throw new Error(
      `${fn}: ${name} has reparameterization 'none': its samples carry no gradient; use scoreFunction or measureValued`,
    );
  }
  const estimate: BatchEstimator<P> = (costs, n, seed) => {
    const thetas = broadcastParams(options.params, names, n);
    return costs.map((cost) => {
      const grads = gradsOf(
        fn,
        "the cost of the samples does not depend on every parameter in 'params' (the samples of argument 'distribution' must be built from the parameters its factory receives, and argument 'cost' must be differentiable)",
        (...ts: tf.Tensor[]) => {
          const x = sampleRows(fn, options.distribution(toRecord(names, ts)), n, seed);
          return tf.sum(evaluateCost(fn, cost, x, n));
        },
        names.map((v) => thetas[v]),
      );
      return unpad(toRecord(names, grads), options.params, names);
    });
  };
  return runEstimator(fn, options, names, estimate);
}
