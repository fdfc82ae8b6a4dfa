/**
 * Every estimator against the survey's Section-3 experiments: means against the closed-form gradients, and
 * per-sample variances against the exact values of the spec's table.
 */
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import {
  deltaMethod,
  type EstimatorOptions,
  type GradientEstimate,
  measureValued,
  movingAverageBaseline,
  optimalBaseline,
  pathwise,
  scoreFunction,
} from '../src/index.js';
import { expectUnbiased, expectVariance } from './statistics.js';
import { type CostName, gaussian, surveyCost, surveyGradient, VARIANCE_TABLE } from './survey.js';

type Options = EstimatorOptions<'loc' | 'scale'>;
type Variant = (options: Options) => GradientEstimate<'loc' | 'scale'>;

/** Runs an estimator and returns its per-sample estimates of ∂μ and ∂σ. */
function perSample(variant: Variant, cost: CostName, k: number, mu: number, sigma: number, n: number, seed: number) {
  const params = { loc: tf.scalar(mu), scale: tf.scalar(sigma) };
  const result = variant({
    cost: surveyCost(cost, k),
    distribution: gaussian,
    params,
    numSamples: n,
    seed,
    perSample: true,
  });
  tf.dispose([params.loc, params.scale, result.surrogate]);
  return result.perSample!;
}

/** A moving-average baseline warmed up on 20 batches of the same cost, then used for the estimate. */
const movingAverage: Variant = (options) => {
  const baseline = movingAverageBaseline({ decay: 0.8 });
  for (let step = 0; step < 20; step++) {
    tf.dispose(scoreFunction({ ...options, numSamples: 200, seed: options.seed + 1000 + step, baseline }).surrogate);
  }
  return scoreFunction({ ...options, baseline });
};

const VARIANTS: ReadonlyArray<[string, Variant]> = [
  ['score function', scoreFunction],
  ['score function, moving-average baseline', movingAverage],
  ['score function, optimal baseline', (o) => scoreFunction({ ...o, baseline: optimalBaseline() })],
  ['pathwise', pathwise],
  ['measure-valued, coupled', measureValued],
  ['measure-valued, uncoupled', (o) => measureValued({ ...o, coupling: false })],
  ['score function + delta method', (o) => scoreFunction({ ...o, controlVariate: deltaMethod() })],
  ['pathwise + delta method', (o) => pathwise({ ...o, controlVariate: deltaMethod() })],
  [
    'measure-valued + delta method (β averaged)',
    (o) => {
      const controlVariate = deltaMethod({ decay: 0.5 });
      tf.dispose(measureValued({ ...o, numSamples: 50, seed: o.seed + 1, controlVariate }).surrogate);
      return measureValued({ ...o, controlVariate });
    },
  ],
];

// The notebook's unbiasedness check: μ = 1, σ = 1.5, k ∈ {0.1, 1, 10}, for the three costs.
const MEAN_CASES = (['square', 'exp', 'cos'] as const).flatMap((cost) => [0.1, 1, 10].map((k) => [cost, k] as const));

describeBackends(
  'survey estimators',
  () => {
    describe.each(VARIANTS)(
      '%s: mean matches the closed-form gradient (μ = 1, σ = 1.5, 5 standard errors)',
      (_, variant) => {
        it.each(MEAN_CASES)('%s, k = %s', (cost, k) => {
          const estimates = perSample(variant, cost, k, 1, 1.5, 4000, 7);
          const [dMu, dSigma] = surveyGradient(cost, k, 1, 1.5);
          expectUnbiased(estimates.loc, dMu);
          expectUnbiased(estimates.scale, dSigma);
          tf.dispose([estimates.loc, estimates.scale]);
        });
      },
    );

    const TABLE_VARIANTS: ReadonlyArray<[string, keyof (typeof VARIANCE_TABLE)[number], Variant]> = [
      ['score function', 'scoreFunction', scoreFunction],
      // A large fresh batch, so that the estimated baseline is b* to well within the sampling error.
      [
        'score function, optimal baseline',
        'optimalBaseline',
        (o) => scoreFunction({ ...o, baseline: optimalBaseline({ numSamples: 20000 }) }),
      ],
      [
        'score function, moving-average baseline (≈ mean baseline)',
        'meanBaseline',
        (o) => {
          const baseline = movingAverageBaseline({ decay: 0.5 });
          for (let step = 0; step < 4; step++) {
            tf.dispose(scoreFunction({ ...o, numSamples: 20000, seed: o.seed + 100 + step, baseline }).surrogate);
          }
          return scoreFunction({ ...o, baseline });
        },
      ],
      ['pathwise', 'pathwise', pathwise],
      ['measure-valued, coupled', 'coupled', measureValued],
      ['measure-valued, uncoupled', 'uncoupled', (o) => measureValued({ ...o, coupling: false })],
    ];

    describe.each(TABLE_VARIANTS)(
      '%s: per-sample variance matches the exact value (μ = σ = 1, 5 standard errors)',
      (_, key, variant) => {
        it.each(VARIANCE_TABLE.map((row) => [row.cost, row.k, row] as const))('%s, k = %s', (cost, k, row) => {
          const estimates = perSample(variant, cost, k, 1, 1, 20000, 11);
          const [varMu, varSigma] = row[key] as readonly [number, number];
          expectVariance(estimates.loc, varMu);
          expectVariance(estimates.scale, varSigma);
          tf.dispose([estimates.loc, estimates.scale]);
        });
      },
    );
  },
  { backends: ['cpu'] },
);
