import { randomExponential } from '@proj/core';
import {
  bernoulli,
  type Distribution,
  exponential,
  gamma,
  multivariateNormalDiag,
  normal,
  poisson,
  weibull,
} from '@proj/core/distributions';
import { lgammaScalar } from '@proj/core/special';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { sampleDoubleSidedMaxwell } from '../samplers/double-sided-maxwell.js';
import { sampleRayleigh } from '../samplers/rayleigh.js';
import { weakDerivativeOf, weakDerivativeParams } from './registry.js';

const n = 20000;
const gammaFn = (x: number) => Math.exp(lgammaScalar(x));
const binomial = (m: number, j: number) => gammaFn(m + 1) / (gammaFn(j + 1) * gammaFn(m - j + 1));
/** E[(a + bZ)^m] from the raw moments of Z. */
const affine = (a: number, b: number, z: (j: number) => number) => (m: number) =>
  Array.from({ length: m + 1 }, (_, j) => binomial(m, j) * a ** (m - j) * b ** j * z(j)).reduce((s, v) => s + v, 0);
/** Raw moments of the standard normal, Rayleigh (w e^(−w²/2)) and double-sided Maxwell (m²φ(m)). */
const normalMoment = (j: number) => (j % 2 === 1 ? 0 : gammaFn(j + 1) / (2 ** (j / 2) * gammaFn(j / 2 + 1)));
const rayleighMoment = (j: number) => 2 ** (j / 2) * gammaFn(1 + j / 2);
const maxwellMoment = (j: number) => (j % 2 === 1 ? 0 : normalMoment(j + 2));
/** E[K^m], K ~ Poisson(λ), m ≤ 4 (Touchard polynomials). */
const poissonMoment = (rate: number) => (m: number) =>
  [1, rate, rate + rate ** 2, rate ** 3 + 3 * rate ** 2 + rate, rate ** 4 + 6 * rate ** 3 + 7 * rate ** 2 + rate][m]!;
const gammaMoment = (a: number, rate: number) => (m: number) => gammaFn(a + m) / (gammaFn(a) * rate ** m);

/** Mean within 5 standard errors, and the mean of x² likewise, from the exact moments E[X^m], m ≤ 4. */
function expectMoments(x: tf.Tensor, moment: (m: number) => number): void {
  const [m1, m2, m4] = [moment(1), moment(2), moment(4)];
  if (m2 - m1 ** 2 < 1e-12) {
    expectClose(x, tf.fill(x.shape, m1), { atol: 0 });
    return;
  }
  expectMeanWithin(x, m1, Math.sqrt(m2 - m1 ** 2));
  expectMeanWithin(tf.square(x), m2, Math.sqrt(m4 - m2 ** 2));
}

interface Entry {
  readonly name: string;
  readonly distribution: () => Distribution;
  readonly param: string;
  /** Raw moments E[X^m] of p⁺ and p⁻. */
  readonly positive: (m: number) => number;
  readonly negative: (m: number) => number;
  /** E_p[X^m] as a function of the parameter, for the derivative identity. */
  readonly expectation: (theta: number, m: number) => number;
  readonly theta: number;
}

const [mu, sigma, rate, a, k, lambda, p] = [0.5, 2, 1.5, 2.5, 1.7, 0.8, 0.3];
const ENTRIES: readonly Entry[] = [
  {
    name: 'Normal loc: μ ± σ·Rayleigh',
    distribution: () => normal({ loc: mu, scale: sigma }),
    param: 'loc',
    positive: affine(mu, sigma, rayleighMoment),
    negative: affine(mu, -sigma, rayleighMoment),
    expectation: (t, m) => affine(t, sigma, normalMoment)(m),
    theta: mu,
  },
  {
    name: 'Normal scale: μ + σ·Maxwell vs N(μ, σ²)',
    distribution: () => normal({ loc: mu, scale: sigma }),
    param: 'scale',
    positive: affine(mu, sigma, maxwellMoment),
    negative: affine(mu, sigma, normalMoment),
    expectation: (t, m) => affine(mu, t, normalMoment)(m),
    theta: sigma,
  },
  {
    name: 'MultivariateNormalDiag scaleDiag',
    distribution: () => multivariateNormalDiag({ loc: [mu], scaleDiag: [sigma] }),
    param: 'scaleDiag',
    positive: affine(mu, sigma, maxwellMoment),
    negative: affine(mu, sigma, normalMoment),
    expectation: (t, m) => affine(mu, t, normalMoment)(m),
    theta: sigma,
  },
  {
    name: 'Bernoulli probs: δ₁ vs δ₀',
    distribution: () => bernoulli({ probs: p }),
    param: 'probs',
    positive: () => 1,
    negative: (m) => (m === 0 ? 1 : 0),
    expectation: (t) => t,
    theta: p,
  },
  {
    name: 'Poisson rate: K + 1 vs K',
    distribution: () => poisson({ rate: 3 }),
    param: 'rate',
    positive: affine(1, 1, poissonMoment(3)),
    negative: poissonMoment(3),
    expectation: (t, m) => poissonMoment(t)(m),
    theta: 3,
  },
  {
    name: 'Exponential rate: Exp(θ) vs Erlang(2, θ)',
    distribution: () => exponential({ rate }),
    param: 'rate',
    positive: gammaMoment(1, rate),
    negative: gammaMoment(2, rate),
    expectation: (t, m) => gammaMoment(1, t)(m),
    theta: rate,
  },
  {
    name: 'Gamma rate: Gamma(a, β) vs Gamma(a + 1, β)',
    distribution: () => gamma({ concentration: a, rate }),
    param: 'rate',
    positive: gammaMoment(a, rate),
    negative: gammaMoment(a + 1, rate),
    expectation: (t, m) => gammaMoment(a, t)(m),
    theta: rate,
  },
  {
    name: 'Weibull scale: λ·Gamma(2)^(1/k) vs Weibull(k, λ)',
    distribution: () => weibull({ concentration: k, scale: lambda }),
    param: 'scale',
    positive: (m) => lambda ** m * gammaFn(2 + m / k),
    negative: (m) => lambda ** m * gammaFn(1 + m / k),
    expectation: (t, m) => t ** m * gammaFn(1 + m / k),
    theta: lambda,
  },
];

describeBackends(
  'weak derivatives',
  () => {
    describe('weak-derivative samplers', () => {
      it('Rayleigh: E[W] = √(π/2), E[W²] = 2, E[W⁴] = 8, all positive', () => {
        const w = sampleRayleigh([n], 1);
        expectMoments(w, rayleighMoment);
        expect(tf.min(w).dataSync()[0]).toBeGreaterThan(0);
      });

      it('standard exponential: E[X^m] = m!, finite and positive', () => {
        const e = randomExponential([n], 6);
        expectMoments(e, (m) => gammaFn(m + 1));
        expect(tf.min(e).dataSync()[0]).toBeGreaterThan(0);
        expect(tf.max(e).dataSync()[0]).toBeLessThan(88);
      });

      it('double-sided Maxwell: E[M] = 0, E[M²] = 3, E[M⁴] = 15, E|M| = 2√(2/π), symmetric', () => {
        const m = sampleDoubleSidedMaxwell([n, 2], 2);
        expect(m.shape).toEqual([n, 2]);
        expectMoments(m, maxwellMoment);
        expectMeanWithin(tf.abs(m), 2 * Math.sqrt(2 / Math.PI), Math.sqrt(3 - 8 / Math.PI));
        expectMeanWithin(tf.cast(tf.greater(m, 0), 'float32'), 0.5, 0.5);
      });

      it('Maxwell times an independent uniform is standard normal (the scale coupling)', () => {
        const product = tf.mul(sampleDoubleSidedMaxwell([n], 3), tf.randomUniform([n], 0, 1, 'float32', 4));
        expectMoments(product, normalMoment);
      });
    });

    describe.each(ENTRIES.map((e) => [e.name, e] as const))('%s', (_, entry) => {
      it.each([true, false])('coupling %s: both parts have the table moments', (coupling) => {
        const distribution = entry.distribution();
        const draws = weakDerivativeOf(distribution, entry.param)!.sample(distribution, n, 5, coupling);
        expect(draws.positive.shape).toEqual([n, ...distribution.batchShape, ...distribution.eventShape]);
        const [positive, negative] = [tf.reshape(draws.positive, [n]), tf.reshape(draws.negative, [n])];
        expectMoments(positive, entry.positive);
        expectMoments(negative, entry.negative);
        tf.dispose([positive, negative, draws.positive, draws.negative]);
      });

      it('c·(E⁺[X^m] − E⁻[X^m]) = ∂θ E[X^m] for m = 1, 2 (central differences of the exact moments)', () => {
        const distribution = entry.distribution();
        const c = weakDerivativeOf(distribution, entry.param)!.constant(distribution).dataSync()[0]!;
        for (const m of [1, 2]) {
          const h = 1e-5 * entry.theta;
          const derivative = (entry.expectation(entry.theta + h, m) - entry.expectation(entry.theta - h, m)) / (2 * h);
          expect(c * (entry.positive(m) - entry.negative(m))).toBeCloseTo(derivative, 5);
        }
      });
    });

    describe('registry', () => {
      it('lists the parameters with a weak derivative per family', () => {
        expect(weakDerivativeParams(normal({ loc: 0, scale: 1 }))).toEqual(['loc', 'scale']);
        expect(weakDerivativeParams(gamma({ concentration: 1, rate: 1 }))).toEqual(['rate']);
        expect(weakDerivativeOf(gamma({ concentration: 1, rate: 1 }), 'concentration')).toBeUndefined();
      });

      it('draws are memory-neutral apart from the returned samples', async () => {
        for (const entry of ENTRIES) {
          const distribution = entry.distribution();
          const weakDerivative = weakDerivativeOf(distribution, entry.param)!;
          await expectNoLeaks(() => weakDerivative.sample(distribution, 3, 1, true));
          await expectNoLeaks(() => weakDerivative.sample(distribution, 3, 1, false));
          await expectNoLeaks(() => weakDerivative.constant(distribution));
        }
      });
    });
  },
  { backends: ['cpu'] },
);
