import { assertOptions, stopGradient } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ControlVariate, ControlVariateContext, CostFunction } from '../estimator.js';
import { toRecord } from '../internal/per-sample.js';
import { assertCount, assertDistribution, assertNumber, gradsOf, shown } from '../internal/validate.js';
import { expansion } from './taylor-expansion.js';

/** Options of {@link deltaMethod}. @category Control variates */
export interface DeltaMethodOptions {
  /**
   * β, the weight of the control variate: `estimate` (default) estimates β per parameter on a fresh batch;
   * a number fixes it (the reference code's `estimate_cv_coeff=False` is β = 1).
   */
  readonly coefficient?: 'estimate' | number;
  /** Draws of the fresh batch β is estimated on; default 25 (the reference code's). At least 2. */
  readonly numCoefficientSamples?: number;
  /** Moving average of the estimated β across calls, β ← decay·β + (1 − decay)·β̂, in [0, 1); default none. */
  readonly decay?: number;
  /** ε in β = Σ Cov / (Σ Var + ε), keeping β finite when the control's estimates barely vary; default 1e-3. */
  readonly epsilon?: number;
  /** Relative step of the Hessian diagonal's central differences ({@link taylorExpansion}); default 1e-2. */
  readonly hessianStep?: number;
}

/** The delta-method control variate, with its coefficient state. @category Control variates */
export interface DeltaMethod extends ControlVariate {
  /** β per parameter used by the last call (after the moving average); empty before the first. */
  readonly coefficients: Readonly<Record<string, number>>;
  /** Forgets the moving average of β. */
  reset(): void;
}

/**
 * The delta-method control variate (survey §7; Paisley, Blei, Jordan 2012): h, the second-order Taylor
 * expansion of the cost around the mean μ̂ = E_p[x] (held fixed) with the Hessian's diagonal,
 * h(x) = f(μ̂) + ∇f(μ̂)ᵀ(x − μ̂) + ½ Σ_k H_kk (x_k − μ̂_k)², whose expectation is known from the mean m and
 * variance v of p: E[h] = f(μ̂) + ∇f(μ̂)ᵀ(m − μ̂) + ½ Σ_k H_kk (v_k + (m_k − μ̂_k)²). The same estimator is run on
 * f and h with the same draws, and per sample ĝ = ĝ_f − β(ĝ_h − ∇θ E[h]) with ∇θ E[h] by autodiff through the
 * distribution's mean and variance: unbiased for any β independent of the draws. β per parameter tensor is
 * Σ_k Cov(ĝ_f,k, ĝ_h,k) / (Σ_k Var(ĝ_h,k) + ε) on a fresh batch, optionally averaged across calls.
 *
 * Works with every estimator and distribution that has a mean and variance; needs a cost differentiable in x
 * (its gradient and Hessian diagonal are taken at μ̂, see {@link taylorExpansion}).
 *
 * Complexity: per call, 1 + 2K cost rows for the expansion, the estimator on 2 costs for the main batch and
 * on 2 costs for the coefficient batch.
 *
 * @example
 * const cv = deltaMethod({ decay: 0.9 });
 * pathwise({ cost, distribution, params, numSamples: 50, seed, controlVariate: cv });
 * @see Mohamed, Rosca, Figurnov, Mnih, "Monte Carlo Gradient Estimation in Machine Learning", JMLR 2020, §7.
 * @category Control variates
 */
export function deltaMethod(options: DeltaMethodOptions = {}): DeltaMethod {
  const fn = 'deltaMethod';
  assertOptions(fn, options, ['coefficient', 'numCoefficientSamples', 'decay', 'epsilon', 'hessianStep']);
  const coefficient = options?.coefficient ?? 'estimate';
  const numCoefficientSamples = options?.numCoefficientSamples ?? 25;
  const epsilon = options?.epsilon ?? 1e-3;
  const decay = options?.decay;
  const hessianStep = options?.hessianStep ?? 1e-2;
  if (coefficient !== 'estimate' && !(typeof coefficient === 'number' && Number.isFinite(coefficient))) {
    throw new Error(`${fn}: argument 'coefficient' must be 'estimate' or a finite number, got ${shown(coefficient)}`);
  }
  assertCount(numCoefficientSamples, fn, 'numCoefficientSamples', 'an integer ≥ 2', 2);
  if (decay !== undefined) assertNumber(decay, fn, 'decay', 'in [0, 1)', (x) => x >= 0 && x < 1);
  assertNumber(epsilon, fn, 'epsilon', '≥ 0', (x) => x >= 0);
  assertNumber(hessianStep, fn, 'hessianStep', 'positive', (x) => x > 0);
  let coefficients: Record<string, number> = {};

  const estimateCoefficients = <P extends string>(
    context: ControlVariateContext<P>,
    names: readonly P[],
    control: CostFunction,
  ): Record<P, number> => {
    const [ownEstimates, controlEstimates] = context.estimate(
      [context.cost, control],
      numCoefficientSamples,
      context.auxiliarySeed,
      'auxiliary',
    ) as [Record<P, tf.Tensor>, Record<P, tf.Tensor>];
    const out = {} as Record<P, number>;
    for (const name of names) {
      const centered = (t: tf.Tensor) => {
        const flat = tf.reshape(t, [numCoefficientSamples, -1]);
        return tf.sub(flat, tf.mean(flat, 0));
      };
      const [f, h] = [centered(ownEstimates[name]), centered(controlEstimates[name])];
      const beta = tf.div(tf.sum(tf.mul(f, h)), tf.add(tf.sum(tf.square(h)), epsilon * (numCoefficientSamples - 1)));
      const estimated = beta.dataSync()[0]!;
      const previous = coefficients[name];
      out[name] =
        decay === undefined || previous === undefined ? estimated : decay * previous + (1 - decay) * estimated;
    }
    return out;
  };

  return {
    name: 'deltaMethod',
    get coefficients() {
      return coefficients;
    },
    reset() {
      coefficients = {};
    },
    apply<P extends string>(context: ControlVariateContext<P>): Record<P, tf.Tensor> {
      const names = Object.keys(context.params).sort() as P[];
      const moments = (q: unknown) => {
        const distribution = assertDistribution(q, context.fn);
        try {
          return { mean: distribution.mean(), variance: distribution.variance() };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(
            `${context.fn}: the deltaMethod control variate needs the mean and variance of the distribution (${message})`,
            { cause: error },
          );
        }
      };
      const center = stopGradient(moments(context.distribution(context.params)).mean);
      const { value, gradient, hessianDiagonal } = expansion(context.fn, context.cost, center, hessianStep);
      const sumPerSample = (terms: tf.Tensor) =>
        terms.rank > 1
          ? tf.sum(
              terms,
              Array.from({ length: terms.rank - 1 }, (_, i) => i + 1),
            )
          : terms;
      const control: CostFunction = (x) => {
        const dx = tf.sub(x, center);
        return tf.add(
          value,
          sumPerSample(tf.add(tf.mul(gradient, dx), tf.mul(tf.mul(0.5, hessianDiagonal), tf.square(dx)))),
        );
      };
      const expectedGradients = toRecord(
        names,
        gradsOf(
          context.fn,
          "the mean and variance of argument 'distribution' do not depend on every parameter in 'params' (needed by the deltaMethod control variate)",
          (...ts: tf.Tensor[]) => {
            const q = moments(context.distribution(toRecord(names, ts)));
            const dm = tf.sub(q.mean, center);
            const quadratic = tf.mul(tf.mul(0.5, hessianDiagonal), tf.add(q.variance, tf.square(dm)));
            return tf.add(value, tf.sum(tf.add(tf.mul(gradient, dm), quadratic)));
          },
          names.map((name) => context.params[name]),
        ),
      );
      const betas: Record<P, number> =
        coefficient === 'estimate'
          ? estimateCoefficients(context, names, control)
          : (Object.fromEntries(names.map((name) => [name, coefficient])) as Record<P, number>);
      coefficients = { ...betas };
      const [ownEstimates, controlEstimates] = context.estimate(
        [context.cost, control],
        context.numSamples,
        context.mainSeed,
        'main',
      ) as [Record<P, tf.Tensor>, Record<P, tf.Tensor>];
      const out = {} as Record<P, tf.Tensor>;
      for (const name of names) {
        const centeredControl = tf.sub(controlEstimates[name], expectedGradients[name]);
        out[name] = tf.sub(ownEstimates[name], tf.mul(betas[name], centeredControl));
      }
      return out;
    },
  };
}
