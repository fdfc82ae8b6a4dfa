import { type Seed, splitSeed, stopGradient } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Baseline, ScoredBatch } from './baselines/baseline.js';
import type { BatchEstimator, EstimatorOptions, GradientEstimate } from './estimator.js';
import { checkOptions, ESTIMATOR_OPTION_KEYS } from './internal/check-options.js';
import { alignSamples, broadcastParams, evaluateCost, sampleRows, toRecord, unpad } from './internal/per-sample.js';
import { runEstimator } from './internal/run-estimator.js';
import { assertDistribution, gradsOf, shown } from './internal/validate.js';

/** Options of {@link scoreFunction}. @category Estimators */
export interface ScoreFunctionOptions<P extends string> extends EstimatorOptions<P> {
  /** A baseline b ({@link movingAverageBaseline}, {@link optimalBaseline}); default none (b = 0). */
  readonly baseline?: Baseline;
}

/**
 * The score-function estimator (REINFORCE, likelihood ratio; survey §4): ∇θ E[f] = E[f(x)·∇θ log p(x; θ)],
 * estimated by (1/N) Σ_n (f(x_n) − b)·∇θ log p(x_n; θ) with x_n ~ p(x; θ) and an optional baseline b.
 * For N(μ, σ²): s_μ = (x − μ)/σ², s_σ = ((x − μ)² − σ²)/σ³.
 *
 * Needs only values of the cost (it may be a black box: its gradient is never taken) and a log density
 * differentiable in θ; works for every distribution, reparameterized or not. Unbiased; the variance grows with
 * |f| and with the number of parameters. The reference code's surrogate stop_grad(f)·log p(stop_grad(x)) is
 * the same estimate; here the scores of all N draws come from one backward pass through the log density with
 * the parameters broadcast over the draws, which also gives the per-sample estimates.
 *
 * Complexity: N cost evaluations, one log density and its backward pass on N draws; O(N·|θ|) memory.
 *
 * @throws Error naming `scoreFunction` for a bad or unknown option (see {@link EstimatorOptions}), parameters
 *   with NaN or infinite entries, a cost that returns another shape or a NaN or infinite value, a factory that
 *   does not return a Distribution or ignores a parameter, or a bad baseline.
 * @example
 * const { surrogate } = scoreFunction({
 *   cost: (x) => tf.square(tf.sub(x, 3)),
 *   distribution: ({ loc, scale }) => normal({ loc, scale }),
 *   params: { loc, scale },
 *   numSamples: 1000,
 *   seed: 0,
 * });
 * @see Mohamed, Rosca, Figurnov, Mnih, "Monte Carlo Gradient Estimation in Machine Learning", JMLR 2020, §4.
 * @category Estimators
 */
export function scoreFunction<P extends string>(options: ScoreFunctionOptions<P>): GradientEstimate<P> {
  const fn = 'scoreFunction';
  const names = checkOptions(fn, options, [...ESTIMATOR_OPTION_KEYS, 'baseline']);
  const baseline = options.baseline;
  if (
    baseline !== undefined &&
    (baseline === null || typeof baseline !== 'object' || typeof baseline.values !== 'function')
  ) {
    throw new Error(
      `${fn}: argument 'baseline' must be a Baseline (movingAverageBaseline() or optimalBaseline()), got ${shown(baseline)}`,
    );
  }
  const scoredDraws = (n: number, seed: Seed): { x: tf.Tensor; scores: Record<P, tf.Tensor> } => {
    const thetas = broadcastParams(options.params, names, n);
    const x = stopGradient(sampleRows(fn, options.distribution(thetas), n, seed));
    const scores = gradsOf(
      fn,
      "the log density of argument 'distribution' does not depend on every parameter in 'params' (build the distribution from the parameters the factory receives)",
      (...ts: tf.Tensor[]) => tf.sum(assertDistribution(options.distribution(toRecord(names, ts)), fn).logProb(x)),
      names.map((name) => thetas[name]),
    );
    return { x, scores: unpad(toRecord(names, scores), options.params, names) };
  };
  const estimate: BatchEstimator<P> = (costs, n, seed, role) => {
    const [sampleSeed, baselineSeed] = splitSeed(seed, 2) as [Seed, Seed];
    const { x, scores } = scoredDraws(n, sampleSeed);
    const values = costs.map((cost) => evaluateCost(fn, cost, x, n));
    const baselines = baseline?.values<P>({
      costs,
      names,
      seed: baselineSeed,
      draw: (m, s): ScoredBatch<P> => {
        const fresh = scoredDraws(m, s);
        return { costs: costs.map((cost) => evaluateCost(fn, cost, fresh.x, m)), scores: fresh.scores };
      },
    });
    if (role === 'main') baseline?.observe?.(values[0]!);
    return values.map((f, i) => {
      const record = {} as Record<P, tf.Tensor>;
      for (const name of names) {
        const weights = alignSamples(f, options.params[name].rank);
        const b: unknown = baselines?.[i]?.[name];
        if (b !== undefined && !(b instanceof tf.Tensor && !b.isDisposed) && typeof b !== 'number') {
          throw new Error(
            `${fn}: argument 'baseline' must give a tensor or a number per parameter, got ${shown(b)} for '${name}'`,
          );
        }
        record[name] = tf.mul(b === undefined ? weights : tf.sub(weights, b), scores[name]);
      }
      return record;
    });
  };
  return runEstimator(fn, options, names, estimate);
}
