import { splitSeed, stopGradient } from '@proj/core';
import { cleanTapeOnError } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import type { BatchEstimator, EstimatorOptions, GradientEstimate } from '../estimator.js';
import { shown } from './validate.js';

/**
 * The part every estimator shares: per-sample estimates of the main batch (through the control variate when
 * there is one), then the surrogate Σ_v ⟨stop_gradient(mean_n ĝ_v,n), θ_v⟩ and, on request, the per-sample
 * estimates. Seeds: the main batch uses the first of `splitSeed(seed, 2)`, extra batches the second.
 */
export function runEstimator<P extends string>(
  fn: string,
  options: EstimatorOptions<P>,
  names: readonly P[],
  estimate: BatchEstimator<P>,
): GradientEstimate<P> {
  return cleanTapeOnError(() =>
    tf.tidy(() => {
      const [mainSeed, auxiliarySeed] = splitSeed(options.seed, 2) as [number, number];
      const perSample =
        options.controlVariate === undefined
          ? estimate([options.cost], options.numSamples, mainSeed, 'main')[0]!
          : options.controlVariate.apply<P>({
              fn,
              cost: options.cost,
              distribution: options.distribution,
              params: options.params,
              numSamples: options.numSamples,
              estimate,
              mainSeed,
              auxiliarySeed,
            });
      for (const name of names) {
        const estimates: unknown = perSample?.[name];
        const expected = [options.numSamples, ...options.params[name].shape];
        if (!(estimates instanceof tf.Tensor) || estimates.shape.join(',') !== expected.join(',')) {
          throw new Error(
            `${fn}: argument 'controlVariate' must give per-sample estimates [${expected.join(',')}] for parameter '${name}', got ${shown(estimates)}`,
          );
        }
      }
      const terms = names.map((name) =>
        tf.sum(tf.mul(stopGradient(tf.mean(perSample[name], 0)), options.params[name])),
      );
      const surrogate = tf.addN(terms) as tf.Scalar;
      return options.perSample === true ? { surrogate, perSample } : { surrogate };
    }),
  );
}
