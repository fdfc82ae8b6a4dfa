import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertCount } from '../internal/validate.js';
import type { Baseline, BaselineContext } from './baseline.js';

/** Options of {@link optimalBaseline}. @category Baselines */
export interface OptimalBaselineOptions {
  /** Draws of the fresh batch the baseline is estimated on; default 25 (as the control-variate coefficients). */
  readonly numSamples?: number;
}

/**
 * The variance-minimizing constant baseline of the score-function estimator, one per parameter component
 * (survey §3, "variance reduction" in Figures 2-3): the single-sample estimate (f(x) − b_i)·s_i(x),
 * s = ∇θ log p(x; θ), has the least variance at b*_i = E[f·s_i²] / E[s_i²]. The expectations are estimated on
 * a fresh batch of `numSamples` draws, independent of the estimator's batch, so the estimate stays unbiased;
 * with few draws the baseline is noisy and the variance lands above the optimum by about
 * Var(b̂_i)·E[s_i²]. Components whose scores are all 0 on the fresh batch get b_i = 0.
 *
 * Complexity: one extra batch of `numSamples` draws, cost evaluations and one backward pass per estimator batch.
 *
 * @example
 * scoreFunction({ cost, distribution, params, numSamples: 100, seed, baseline: optimalBaseline({ numSamples: 50 }) });
 * @category Baselines
 */
export function optimalBaseline(options: OptimalBaselineOptions = {}): Baseline {
  const fn = 'optimalBaseline';
  assertOptions(fn, options, ['numSamples']);
  const numSamples = assertCount(options?.numSamples ?? 25, fn, 'numSamples', 'a positive integer', 1);
  return {
    name: 'optimal',
    values<P extends string>(context: BaselineContext<P>) {
      const { costs, scores } = context.draw(numSamples, context.seed);
      return costs.map((values) => {
        const record = {} as Record<P, tf.Tensor>;
        for (const name of context.names) {
          const squared = tf.square(scores[name]);
          const weights = tf.reshape(values, [numSamples, ...new Array<number>(squared.rank - 1).fill(1)]);
          const denominator = tf.sum(squared, 0);
          const ratio = tf.div(tf.sum(tf.mul(weights, squared), 0), denominator);
          record[name] = tf.where(tf.greater(denominator, 0), ratio, tf.zerosLike(ratio));
        }
        return record;
      });
    },
  };
}
