import { type Seed, splitSeed, stopGradient } from '@proj/core';
import type { Distribution } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import type { BatchEstimator, EstimatorOptions, GradientEstimate } from './estimator.js';
import { checkOptions, ESTIMATOR_OPTION_KEYS } from './internal/check-options.js';
import { evaluateCost, sumToShape } from './internal/per-sample.js';
import { runEstimator } from './internal/run-estimator.js';
import { assertDistribution, shown } from './internal/validate.js';
import { weakDerivativeOf, weakDerivativeParams } from './weak-derivatives/registry.js';
import type { WeakDerivative } from './weak-derivatives/weak-derivative.js';

/** Options of {@link measureValued}. @category Estimators */
export interface MeasureValuedOptions<P extends string> extends EstimatorOptions<P> {
  /**
   * Draw the two parts of each weak derivative from common random numbers; default true (the reference
   * code's default). Coupling usually lowers the variance but not always: for (x − k)² with k ≠ μ the
   * uncoupled normal-mean estimator is better (survey §3).
   */
  readonly coupling?: boolean;
}

/**
 * The measure-valued estimator (weak derivatives; survey §6): with ∂θ_i p(x; θ) = c_i·(p⁺_i − p⁻_i),
 * ∂θ_i E[f] = c_i·(E_{p⁺_i}[f] − E_{p⁻_i}[f]), estimated per draw by c_i·(f(x⁺) − f(x⁻)). For a factorized
 * (batched) distribution, coordinate i of a base draw x ~ p is replaced by its x⁺ and x⁻ draws while the
 * other coordinates keep x's values, so each sample costs 2K cost evaluations per parameter for K coordinates.
 * A parameter smaller than the batch (broadcast) gets the sum of its coordinates' estimates. Weak derivatives
 * come from the registry ({@link registerWeakDerivative}); the parameters must be the family's own (the factory
 * passes them to the constructor unchanged).
 *
 * The cost need not be differentiable; unbiased; usually low variance, at the price of the 2K evaluations.
 * All draws are taken without gradient (`stopGradient`), also those of reparameterized families.
 *
 * Complexity: 2·N·K cost evaluations per parameter on inputs of N·K rows, O(N·K²) memory per parameter
 * (the reference code's N×D×D tensor).
 *
 * @throws Error naming `measureValued` for a bad or unknown option (see {@link EstimatorOptions}), parameters
 *   with NaN or infinite entries, a cost that returns another shape or a NaN or infinite value, a factory that
 *   does not return a Distribution or ignores a parameter, and a parameter without a
 *   registered weak derivative (naming it and the family).
 * @example
 * const { surrogate } = measureValued({ cost, distribution: ({ loc, scale }) => normal({ loc, scale }), params, numSamples: 100, seed: 0 });
 * @see Mohamed, Rosca, Figurnov, Mnih, "Monte Carlo Gradient Estimation in Machine Learning", JMLR 2020, §6 (table of weak derivatives).
 * @category Estimators
 */
export function measureValued<P extends string>(options: MeasureValuedOptions<P>): GradientEstimate<P> {
  const fn = 'measureValued';
  const names = checkOptions(fn, options, [...ESTIMATOR_OPTION_KEYS, 'coupling']);
  if (options.coupling !== undefined && typeof options.coupling !== 'boolean') {
    throw new Error(`${fn}: argument 'coupling' must be a boolean, got ${shown(options.coupling)}`);
  }
  const coupling = options.coupling ?? true;
  const estimate: BatchEstimator<P> = (costs, n, seed) => {
    const distribution = assertDistribution(options.distribution(options.params), fn);
    const coordinateShape = [...distribution.batchShape, ...distribution.eventShape];
    const size = coordinateShape.reduce((a, b) => a * b, 1);
    const weakDerivatives = names.map((name) => lookup(fn, distribution, name, options.params[name], coordinateShape));
    const [baseSeed, ...partSeeds] = splitSeed(seed, names.length + 1) as [Seed, ...Seed[]];
    // Draws carry no gradient here (those of `full` and `implicit` families would otherwise).
    const base = size > 1 ? tf.reshape(stopGradient(distribution.sample([n], baseSeed)), [n, 1, size]) : undefined;
    // Row j of a draw's K rows holds x with coordinate j replaced by its part's draw.
    const rowsOf = (part: tf.Tensor): tf.Tensor => {
      if (base === undefined) return part;
      const replaced = tf.add(base, tf.mul(tf.eye(size), tf.sub(tf.reshape(part, [n, 1, size]), base)));
      return tf.reshape(replaced, [n * size, ...coordinateShape]);
    };
    const out = costs.map(() => ({}) as Record<P, tf.Tensor>);
    names.forEach((name, i) => {
      const weakDerivative = weakDerivatives[i]!;
      const parts = weakDerivative.sample(distribution, n, partSeeds[i]!, coupling);
      const [positive, negative] = [stopGradient(parts.positive), stopGradient(parts.negative)];
      const constant = tf.reshape(tf.broadcastTo(weakDerivative.constant(distribution), coordinateShape), [1, size]);
      const [plusRows, minusRows] = [rowsOf(positive), rowsOf(negative)];
      costs.forEach((cost, j) => {
        const plus = tf.reshape(evaluateCost(fn, cost, plusRows, n * size), [n, size]);
        const minus = tf.reshape(evaluateCost(fn, cost, minusRows, n * size), [n, size]);
        const perCoordinate = tf.reshape(tf.mul(constant, tf.sub(plus, minus)), [n, ...coordinateShape]);
        out[j]![name] = sumToShape(perCoordinate, options.params[name].shape);
      });
    });
    return out;
  };
  return runEstimator(fn, options, names, estimate);
}

/** The weak derivative of `name`, after checking that the parameter reaches the family unchanged. */
function lookup(
  fn: string,
  distribution: Distribution,
  name: string,
  value: tf.Tensor,
  coordinateShape: readonly number[],
): WeakDerivative {
  const weakDerivative = weakDerivativeOf(distribution, name);
  if (weakDerivative === undefined) {
    const known = weakDerivativeParams(distribution);
    throw new Error(
      `${fn}: no weak derivative registered for parameter '${name}' of ${distribution.name} ` +
        `(registered: ${known.length === 0 ? 'none' : known.join(', ')}); add one with registerWeakDerivative`,
    );
  }
  const own = (distribution.params as Readonly<Record<string, tf.Tensor | undefined>>)[name];
  if (own !== undefined && own !== value) {
    throw new Error(
      `${fn}: parameter '${name}' must reach ${distribution.name} unchanged, but the distribution's '${name}' is ` +
        'another tensor; estimate the gradient of the family parameter and let the surrogate carry it through your ' +
        'transform (e.g. params {scale: tf.exp(logScale)})',
    );
  }
  let broadcasts = true;
  try {
    broadcasts =
      tf.backend_util.assertAndGetBroadcastShape([...value.shape], [...coordinateShape]).join(',') ===
      coordinateShape.join(',');
  } catch {
    broadcasts = false;
  }
  if (!broadcasts) {
    throw new Error(
      `${fn}: parameter '${name}' of shape [${value.shape.join(',')}] must broadcast to the coordinates ` +
        `[${coordinateShape.join(',')}] (batch + event) of ${distribution.name}`,
    );
  }
  return weakDerivative;
}
