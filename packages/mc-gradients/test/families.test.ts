/**
 * Beyond the Gaussian: every family of the survey's weak-derivative table, with costs whose expectations have
 * closed forms; each applicable estimator's mean must match the closed-form gradient.
 */
import { bernoulli, type Distribution, exponential, gamma, poisson, weibull } from '@proj/core/distributions';
import { lgammaScalar } from '@proj/core/special';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { type CostFunction, type Estimator, measureValued, pathwise, scoreFunction } from '../src/index.js';
import { expectUnbiased } from './statistics.js';

interface Case {
  readonly family: string;
  readonly param: string;
  /** Parameter values (the differentiated one included). */
  readonly values: Readonly<Record<string, number>>;
  readonly distribution: (params: Readonly<Record<string, tf.Tensor>>) => Distribution;
  readonly cost: CostFunction;
  /** ∂E[f]/∂param in closed form. */
  readonly gradient: number;
  readonly estimators: readonly string[];
}

const k = 0.7;
const poissonExpectationGradient = (rate: number) => {
  // E[cos kX] = e^(λ(cos k − 1)) cos(λ sin k) for X ~ Poisson(λ).
  const [c, s] = [Math.cos(k), Math.sin(k)];
  return Math.exp(rate * (c - 1)) * ((c - 1) * Math.cos(rate * s) - s * Math.sin(rate * s));
};

const CASES: readonly Case[] = [
  {
    family: 'Bernoulli',
    param: 'probs',
    values: { probs: 0.3 },
    distribution: ({ probs }) => bernoulli({ probs: probs! }),
    cost: (x) => tf.square(tf.sub(x, 0.2)),
    // E f = p·0.64 + (1 − p)·0.04.
    gradient: 0.6,
    estimators: ['scoreFunction', 'measureValued', 'measureValued uncoupled'],
  },
  {
    family: 'Bernoulli',
    param: 'logits',
    values: { logits: -0.4 },
    distribution: ({ logits }) => bernoulli({ logits: logits! }),
    cost: (x) => tf.square(tf.sub(x, 0.2)),
    gradient: 0.6 * (1 / (1 + Math.exp(0.4))) * (1 / (1 + Math.exp(-0.4))),
    estimators: ['scoreFunction', 'measureValued'],
  },
  {
    family: 'Poisson',
    param: 'rate',
    values: { rate: 3 },
    distribution: ({ rate }) => poisson({ rate: rate! }),
    cost: (x) => tf.cos(tf.mul(k, x)),
    gradient: poissonExpectationGradient(3),
    estimators: ['scoreFunction', 'measureValued', 'measureValued uncoupled'],
  },
  {
    family: 'Exponential',
    param: 'rate',
    values: { rate: 2 },
    distribution: ({ rate }) => exponential({ rate: rate! }),
    cost: (x) => tf.cos(tf.mul(k, x)),
    // E[cos kX] = θ²/(θ² + k²).
    gradient: (2 * 2 * k ** 2) / (4 + k ** 2) ** 2,
    estimators: ['scoreFunction', 'pathwise', 'measureValued', 'measureValued uncoupled'],
  },
  {
    family: 'Gamma',
    param: 'rate',
    values: { concentration: 2.5, rate: 1.5 },
    distribution: ({ concentration, rate }) => gamma({ concentration: concentration!, rate: rate! }),
    cost: (x) => tf.exp(tf.mul(-0.5, x)),
    // E[e^(−X/2)] = (β/(β + 1/2))^a.
    gradient: 2.5 * (1.5 / 2) ** 1.5 * (0.5 / 2 ** 2),
    // Pathwise through the implicit reparameterization gradients of Gamma samples.
    estimators: ['scoreFunction', 'pathwise', 'measureValued', 'measureValued uncoupled'],
  },
  {
    family: 'Gamma',
    param: 'concentration',
    values: { concentration: 2.5, rate: 1.5 },
    distribution: ({ concentration, rate }) => gamma({ concentration: concentration!, rate: rate! }),
    cost: (x) => x,
    gradient: 1 / 1.5,
    estimators: ['scoreFunction', 'pathwise'],
  },
  {
    family: 'Gamma',
    param: 'concentration',
    values: { concentration: 0.3, rate: 1.5 },
    distribution: ({ concentration, rate }) => gamma({ concentration: concentration!, rate: rate! }),
    cost: (x) => tf.exp(tf.mul(-0.5, x)),
    // E[e^(−X/2)] = (β/(β + 1/2))^a, so ∂/∂a = (β/(β + 1/2))^a·log(β/(β + 1/2)).
    gradient: 0.75 ** 0.3 * Math.log(0.75),
    estimators: ['scoreFunction', 'pathwise'],
  },
  {
    family: 'Weibull',
    param: 'scale',
    values: { concentration: 1.7, scale: 0.8 },
    distribution: ({ concentration, scale }) => weibull({ concentration: concentration!, scale: scale! }),
    cost: (x) => tf.square(x),
    // E[X²] = λ²Γ(1 + 2/k).
    gradient: 2 * 0.8 * Math.exp(lgammaScalar(1 + 2 / 1.7)),
    estimators: ['scoreFunction', 'pathwise', 'measureValued', 'measureValued uncoupled'],
  },
];

const ESTIMATORS: Readonly<Record<string, Estimator>> = {
  scoreFunction,
  pathwise,
  measureValued,
  'measureValued uncoupled': (options) => measureValued({ ...options, coupling: false }),
};

describeBackends(
  'estimators on distribution families',
  () => {
    describe.each(CASES.map((c) => [`${c.family} ${c.param}`, c] as const))('%s', (_, c) => {
      it.each(c.estimators)('%s: mean matches the closed form (5 standard errors)', (name) => {
        // Only the differentiated parameter is a differentiation target; the others are fixed numbers.
        const fixed = Object.fromEntries(Object.entries(c.values).filter(([key]) => key !== c.param));
        const value = tf.scalar(c.values[c.param]!);
        const result = ESTIMATORS[name]!({
          cost: c.cost,
          distribution: (p: Readonly<Record<string, tf.Tensor>>) => c.distribution({ ...p, ...scalars(fixed) }),
          params: { [c.param]: value },
          numSamples: 20000,
          seed: 3,
          perSample: true,
        });
        expectUnbiased(result.perSample![c.param]!, c.gradient);
        tf.dispose([value, result.surrogate, ...Object.values(result.perSample!)]);
      });
    });
  },
  { backends: ['cpu'] },
);

function scalars(values: Readonly<Record<string, number>>): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(values).map(([key, v]) => [key, tf.scalar(v)]));
}
