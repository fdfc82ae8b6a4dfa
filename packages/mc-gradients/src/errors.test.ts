/**
 * Issue 10 regressions: non-finite costs and parameters are errors naming the estimator, errors raised by inner
 * helpers name the function the user called, unknown option keys are errors, and no error path leaks a
 * tensor (tfjs keeps the tensors its gradient tape saved when a reverse pass fails).
 */
import { categorical, normal, weibull } from '@proj/core/distributions';
import { expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { movingAverageBaseline } from './baselines/moving-average-baseline.js';
import { optimalBaseline } from './baselines/optimal-baseline.js';
import { deltaMethod } from './control-variates/delta-method.js';
import { taylorExpansion } from './control-variates/taylor-expansion.js';
import type { Estimator, EstimatorOptions } from './estimator.js';
import { measureValued } from './measure-valued.js';
import { pathwise } from './pathwise.js';
import { sampleDoubleSidedMaxwell } from './samplers/double-sided-maxwell.js';
import { sampleRayleigh } from './samplers/rayleigh.js';
import { scoreFunction } from './score-function.js';
import { weakDerivativeOf } from './weak-derivatives/registry.js';

type P = 'loc' | 'scale';
const gaussian = (p: Record<P, tf.Tensor>) => normal({ loc: p.loc, scale: p.scale });
const ESTIMATORS: ReadonlyArray<readonly [string, Estimator]> = [
  ['scoreFunction', scoreFunction],
  ['pathwise', pathwise],
  ['measureValued', measureValued],
];

/** Calls `run` with fresh parameters, expects an error with `message`, and that no tensor is left behind. */
async function expectError(run: (params: Record<P, tf.Tensor>) => unknown, message: string | RegExp): Promise<void> {
  const params = { loc: tf.scalar(0.5), scale: tf.scalar(1.5) };
  await expectNoLeaks(() => {
    expect(() => run(params)).toThrow(message);
  });
  tf.dispose([params.loc, params.scale]);
}

const options = (params: Record<P, tf.Tensor>): EstimatorOptions<P> => ({
  cost: (x) => tf.square(x),
  distribution: gaussian,
  params,
  numSamples: 6,
  seed: 3,
});

describeBackends('mc-gradients errors', () => {
  describe('non-finite costs and parameters (policy: an error naming the estimator)', () => {
    // A cost that is NaN everywhere the draws land (the log of a negative number).
    const logCost = (x: tf.Tensor) => tf.log(tf.sub(tf.abs(x), 1e6));
    it.each(ESTIMATORS)('%s: a NaN cost is an error, not a NaN gradient (issue 10)', async (name, estimator) => {
      await expectError(
        (params) => estimator({ ...options(params), cost: logCost }),
        new RegExp(
          `^${name}: argument 'cost' returned (\\d+) non-finite value\\(s\\) for \\1 samples \\(first: NaN at sample 0\\)`,
        ),
      );
      // Infinity too, and through the delta method's cost evaluations (which name the estimator as well).
      await expectError(
        (params) => estimator({ ...options(params), cost: (x) => tf.div(1, tf.sub(x, x)) }),
        new RegExp(`^${name}: argument 'cost' returned 6 non-finite value\\(s\\)`),
      );
      await expectError(
        (params) => estimator({ ...options(params), cost: logCost, controlVariate: deltaMethod() }),
        new RegExp(`^${name}: argument 'cost' returned`),
      );
    });

    it('non-finite parameters are errors naming the estimator and the parameter', async () => {
      const nan = tf.scalar(Number.NaN);
      await expectError(
        (params) => scoreFunction({ ...options(params), params: { loc: nan, scale: params.scale } }),
        "scoreFunction: parameter 'loc' has NaN or infinite entries",
      );
      nan.dispose();
    });

    it('taylorExpansion: a NaN center or cost is an error naming it', async () => {
      const [bad, good] = [tf.tensor1d([1, Number.NaN]), tf.tensor1d([0.5, 2])];
      await expectError(
        () => taylorExpansion((x) => tf.sum(x, 1), bad),
        "taylorExpansion: argument 'center' has NaN or infinite entries",
      );
      await expectError(
        () => taylorExpansion((x) => tf.sum(tf.log(tf.sub(x, 1)), 1), good),
        "taylorExpansion: argument 'cost' returned 1 non-finite value(s) for 1 samples (first: NaN at sample 0)",
      );
      tf.dispose([bad, good]);
    });
  });

  describe('errors name the function the user called', () => {
    it('sampleRayleigh([-1]) blames sampleRayleigh, not Weibull.sample (issue 10)', async () => {
      await expectError(
        () => sampleRayleigh([-1], 0),
        "sampleRayleigh: argument 'shape' must be a list of non-negative integers, got [-1]",
      );
      await expectError(() => sampleRayleigh([2], -1), "sampleRayleigh: argument 'seed' must be an integer");
      await expectError(
        () => sampleRayleigh([2 ** 31, 2], 0),
        "sampleRayleigh: argument 'shape' [2147483648,2] asks for 4294967296 draws; at most 2147483647 fit in one tensor",
      );
      await expectError(
        () => sampleDoubleSidedMaxwell([2, 0.5], 0),
        "sampleDoubleSidedMaxwell: argument 'shape' must be a list of non-negative integers, got [2,0.5]",
      );
      await expectError(() => sampleDoubleSidedMaxwell([2], 1.5), "sampleDoubleSidedMaxwell: argument 'seed'");
    });

    it('sampleRayleigh still draws what weibull({concentration: 2, scale: √2}) draws with the same seed', () => {
      tf.tidy(() => {
        const ours = sampleRayleigh([3, 4], 11).dataSync();
        const reference = weibull({ concentration: 2, scale: Math.SQRT2 }).sample([3, 4], 11).dataSync();
        expect([...ours]).toEqual([...reference]);
      });
    });

    it('the delta method names the estimator, not taylorExpansion or Categorical.mean', async () => {
      await expectError(
        (params) => pathwise({ ...options(params), cost: (x) => tf.stack([x, x], 1), controlVariate: deltaMethod() }),
        "pathwise: argument 'cost' must map samples of shape [1] to per-sample costs [1], got shape [1,2]",
      );
      const logits = tf.tensor1d([0.1, 0.2, 0.3]);
      await expectError(
        () =>
          scoreFunction({
            cost: (x) => tf.cast(x, 'float32'),
            distribution: (p: Record<'logits', tf.Tensor>) => categorical({ logits: p.logits }),
            params: { logits },
            numSamples: 4,
            seed: 0,
            controlVariate: deltaMethod(),
          }),
        /^scoreFunction: the deltaMethod control variate needs the mean and variance of the distribution \(Categorical\.mean/,
      );
      logits.dispose();
    });

    it('parameters that do not reach the distribution, costs that ignore x: named errors without leaks', async () => {
      await expectError(
        (params) => scoreFunction({ ...options(params), distribution: (p) => normal({ loc: p.loc, scale: 1.5 }) }),
        "scoreFunction: the log density of argument 'distribution' does not depend on every parameter in 'params'",
      );
      await expectError(
        (params) => pathwise({ ...options(params), cost: (x) => tf.zeros([x.shape[0]!]) }),
        "pathwise: the cost of the samples does not depend on every parameter in 'params'",
      );
      // A cost of the wrong shape inside pathwise's reverse pass (tfjs would keep the tape's tensors).
      await expectError(
        (params) => pathwise({ ...options(params), cost: (x) => tf.stack([x, x], 1) }),
        "pathwise: argument 'cost' must map samples of shape [6] to per-sample costs [6], got shape [6,2]",
      );
      await expectError(
        (params) => scoreFunction({ ...options(params), distribution: () => 3 as never }),
        "scoreFunction: argument 'distribution' must return a Distribution of @proj/core/distributions (e.g. normal({loc, scale})), got 3",
      );
      await expectError(
        () => weakDerivativeOf({} as never, 'loc'),
        "weakDerivativeOf: argument 'distribution' must be a Distribution",
      );
    });
  });

  describe('unknown option keys are errors naming the function and the valid keys', () => {
    it.each([
      [
        'scoreFunction',
        (params: Record<P, tf.Tensor>) => scoreFunction({ ...options(params), coupling: false } as never),
        "scoreFunction: unknown option 'coupling'; valid options: cost, distribution, params, numSamples, seed, perSample, controlVariate, baseline",
      ],
      [
        'pathwise',
        (params: Record<P, tf.Tensor>) => pathwise({ ...options(params), baseline: optimalBaseline() } as never),
        "pathwise: unknown option 'baseline'; valid options: cost, distribution, params, numSamples, seed, perSample, controlVariate",
      ],
      [
        'measureValued',
        (params: Record<P, tf.Tensor>) => measureValued({ ...options(params), numsamples: 4 } as never),
        "measureValued: unknown option 'numsamples' (did you mean 'numSamples'?); valid options: cost, distribution, params, numSamples, seed, perSample, controlVariate, coupling",
      ],
      [
        'deltaMethod',
        () => deltaMethod({ hessianstep: 0.1 } as never),
        "deltaMethod: unknown option 'hessianstep' (did you mean 'hessianStep'?); valid options: coefficient, numCoefficientSamples, decay, epsilon, hessianStep",
      ],
      [
        'optimalBaseline',
        () => optimalBaseline({ samples: 3 } as never),
        "optimalBaseline: unknown option 'samples'; valid options: numSamples",
      ],
      [
        'movingAverageBaseline',
        () => movingAverageBaseline({ Decay: 0.5 } as never),
        "movingAverageBaseline: unknown option 'Decay' (did you mean 'decay'?); valid options: decay",
      ],
      [
        'taylorExpansion',
        (params: Record<P, tf.Tensor>) => taylorExpansion((x) => tf.sum(x, 1), params.loc, { steps: 0.1 } as never),
        "taylorExpansion: unknown option 'steps'; valid options: step",
      ],
    ])('%s', async (_, run, message) => {
      await expectError(run, message);
    });

    it('bad option values that passed before: huge sample counts, strings, infinite steps', async () => {
      await expectError(
        (params) => scoreFunction({ ...options(params), numSamples: 2 ** 31 }),
        "scoreFunction: argument 'numSamples' must be at most 16777216 (2^24) draws per call, got 2147483648",
      );
      await expectError(() => optimalBaseline({ numSamples: 2 ** 31 }), "optimalBaseline: argument 'numSamples'");
      await expectError(
        () => movingAverageBaseline({ decay: '0.5' as never }),
        "movingAverageBaseline: argument 'decay' must be in [0, 1), got '0.5'",
      );
      await expectError(
        () => deltaMethod({ hessianStep: Number.POSITIVE_INFINITY }),
        "deltaMethod: argument 'hessianStep' must be positive, got Infinity",
      );
    });
  });
});
