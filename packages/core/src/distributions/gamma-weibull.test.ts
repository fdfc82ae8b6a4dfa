import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { digammaScalar, lgammaScalar } from '../special/index.js';
import { expectClose } from '../testing/expect-close.js';
import { expectMeanWithin } from '../testing/expect-mean-within.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import type { Distribution } from './distribution.js';
import { gamma } from './gamma.js';
import { kl } from './kl.js';
import { weibull } from './weibull.js';

type Params = Record<string, number>;
interface UnivariateCase {
  family: string;
  params: Params;
  x: number[];
  logProb: number[];
  cdf: number[];
  mean: number;
  variance: number;
  entropy: number;
}

/** The fixtures of tools/fixtures/distributions.py (scipy.stats and numerical integration). */
const fixtures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/distributions/distributions.json', import.meta.url), 'utf8'),
  (_, value) =>
    value === 'Infinity' ? Number.POSITIVE_INFINITY : value === '-Infinity' ? Number.NEGATIVE_INFINITY : value,
) as { univariate: UnivariateCase[]; kl: Array<{ p: [string, Params]; q: [string, Params]; kl: number }> };

const make = (family: string, params: Params): Distribution =>
  family === 'Gamma' ? gamma(params as never) : weibull(params as never);
const cases = fixtures.univariate.filter((c) => c.family === 'Gamma' || c.family === 'Weibull');

describeBackends(
  'Gamma and Weibull',
  () => {
    describe('Gamma and Weibull against scipy', () => {
      it('has fixtures for both families', () => {
        expect(cases.filter((c) => c.family === 'Gamma')).toHaveLength(4);
        expect(cases.filter((c) => c.family === 'Weibull')).toHaveLength(4);
      });

      it.each(cases.map((c) => [c.family, JSON.stringify(c.params), c] as const))('%s %s', (_, __, c) => {
        const d = make(c.family, c.params);
        // log densities go through float32 lgamma/log/exp of values up to ~60: absolute accuracy ~1e-5.
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-6, atol: 1e-5 });
        expectClose(d.cdf(c.x), c.cdf, { rtol: 1e-5, atol: 3e-7 });
        expectClose(d.mean(), c.mean, { rtol: 2e-6 });
        // Weibull's variance is a difference of two Γ values: float32 cancellation at large k.
        expectClose(d.variance(), c.variance, { rtol: 2e-5 });
        expectClose(d.entropy(), c.entropy, { rtol: 2e-6, atol: 1e-5 });
        d.dispose();
      });

      it.each(fixtures.kl.filter((c) => c.p[0] === 'Gamma').map((c) => [JSON.stringify([c.p[1], c.q[1]]), c] as const))(
        'KL(Gamma ‖ Gamma) %s matches numerical integration',
        (_, c) => {
          const [p, q] = [gamma(c.p[1] as never), gamma(c.q[1] as never)];
          expectClose(kl(p, q), c.kl, { rtol: 1e-5, atol: 1e-6 });
          expectClose(kl(p, p), 0, { atol: 1e-6 });
          p.dispose();
          q.dispose();
        },
      );

      it('modes: (a − 1)/β and λ((k − 1)/k)^(1/k), 0 below a, k = 1', () => {
        expectClose(gamma({ concentration: [0.5, 1, 3.5], rate: 2 }).mode(), [0, 0, 1.25], { rtol: 1e-6 });
        expectClose(weibull({ concentration: [0.5, 1, 3], scale: 2 }).mode(), [0, 0, 2 * (2 / 3) ** (1 / 3)], {
          rtol: 1e-6,
        });
      });
    });

    describe('sampling: frequencies below scipy quantiles and moments at a fixed seed (5 standard errors)', () => {
      const n = 20000;
      it.each(cases.map((c) => [c.family, JSON.stringify(c.params), c] as const))(
        '%s %s: P(X ≤ x) matches the cdf at every fixture point',
        (_, __, c) => {
          const d = make(c.family, c.params);
          const samples = d.sample([n], 21);
          expect(samples.shape).toEqual([n]);
          const below = tf.tidy(() => tf.cast(tf.lessEqual(tf.expandDims(samples, 1), tf.tensor1d(c.x)), 'float32'));
          // Points with a cdf of exactly 0 or 1 (outside the support) must give all-0 or all-1 indicators.
          const inner = c.cdf.map((p) => p > 0 && p < 1);
          const frequencies = Array.from(tf.tidy(() => tf.mean(below, 0).dataSync()));
          c.cdf.forEach((p, j) => {
            if (!inner[j]) expect(frequencies[j]).toBe(p);
          });
          const columns = inner.flatMap((isInner, j) => (isInner ? [j] : []));
          expectMeanWithin(
            tf.gather(below, columns, 1),
            columns.map((j) => c.cdf[j]!),
            columns.map((j) => Math.sqrt(c.cdf[j]! * (1 - c.cdf[j]!))),
          );
          tf.dispose([samples, below]);
          d.dispose();
        },
      );

      it('Gamma: mean a/β and central second moment a/β² (fourth central moment 3a(a + 2)/β⁴)', () => {
        const a = [0.3, 1, 4.5, 200];
        const rate = [1, 2, 0.5, 10];
        const samples = gamma({ concentration: a, rate }).sample([n], 22);
        const mean = a.map((v, i) => v / rate[i]!);
        const variance = a.map((v, i) => v / rate[i]! ** 2);
        expectMeanWithin(samples, mean, variance.map(Math.sqrt));
        const squared = tf.square(tf.sub(samples, mean));
        const fourth = a.map((v, i) => (3 * v * (v + 2)) / rate[i]! ** 4);
        expectMeanWithin(
          squared,
          variance,
          fourth.map((m4, i) => Math.sqrt(m4 - variance[i]! ** 2)),
        );
        tf.dispose([samples, squared]);
      });

      it('Weibull: raw moments E[X^m] = λ^m Γ(1 + m/k), m = 1, 2', () => {
        const k = [0.7, 2, 6];
        const scale = [1.5, Math.SQRT2, 0.4];
        const raw = (m: number) => k.map((kk, i) => scale[i]! ** m * Math.exp(lgammaScalar(1 + m / kk)));
        const samples = weibull({ concentration: k, scale }).sample([n], 23);
        const [m1, m2, m4] = [raw(1), raw(2), raw(4)];
        expectMeanWithin(
          samples,
          m1,
          m2.map((v, i) => Math.sqrt(v - m1[i]! ** 2)),
        );
        expectMeanWithin(
          tf.square(samples),
          m2,
          m4.map((v, i) => Math.sqrt(v - m2[i]! ** 2)),
        );
        samples.dispose();
      });

      it('the same seed gives the same draws; each element has its own stream', () => {
        const both = gamma({ concentration: [2.5, 0.5], rate: 1 })
          .sample([4], 9)
          .arraySync() as number[][];
        const again = gamma({ concentration: [2.5, 0.5], rate: 1 })
          .sample([4], 9)
          .arraySync() as number[][];
        expect(again).toEqual(both);
        const first = gamma({ concentration: [2.5, 7], rate: 1 })
          .sample([4], 9)
          .arraySync() as number[][];
        expect(first.map((row) => row[0])).toEqual(both.map((row) => row[0]));
        expect(gamma({ concentration: 2.5, rate: 1 }).sample([4], 10).arraySync()).not.toEqual(both.map((r) => r[0]));
      });
    });

    describe('gradients', () => {
      it('Gamma is implicitly reparameterized: ∂x/∂β = −x/β through sample', () => {
        const d = gamma({ concentration: 2, rate: 1 });
        expect(d.reparameterization).toBe('implicit');
        const rate = tf.scalar(1.5);
        const dRate = tf.grad((r) => tf.sum(gamma({ concentration: 2, rate: r }).sample([3], 1)))(rate);
        const x = gamma({ concentration: 2, rate }).sample([3], 1);
        expectClose(dRate, -tf.sum(x).dataSync()[0]! / 1.5, { rtol: 1e-6 });
        tf.dispose([rate, dRate, x]);
        d.dispose();
      });

      it('Gamma log density: ∂/∂a = log β + log x − ψ(a), ∂/∂β = a/β − x', () => {
        const [a, rate, x] = [tf.scalar(2.5), tf.scalar(0.8), [0.3, 2, 7]];
        const [dA, dRate] = tf.grads((s, r) => tf.sum(gamma({ concentration: s!, rate: r! }).logProb(x)))([a, rate]);
        const expectedA = x.reduce((acc, v) => acc + Math.log(0.8) + Math.log(v) - digammaScalar(2.5), 0);
        expectClose(dA!, expectedA, { rtol: 1e-5 });
        expectClose(
          dRate!,
          x.reduce((acc, v) => acc + 2.5 / 0.8 - v, 0),
          { rtol: 1e-5 },
        );
      });

      // The implicit-function identity ∂x/∂θ = −(∂F(x; θ)/∂θ) / p(x; θ), independent of the sampling transform.
      it.each([
        ['scale', (t: tf.Tensor) => weibull({ concentration: 1.7, scale: t })],
        ['concentration', (t: tf.Tensor) => weibull({ concentration: t, scale: 0.8 })],
      ] as const)('Weibull %s: pathwise gradient of samples matches −∂F/∂θ / p', (_, build) => {
        const theta = tf.fill([8], 1.3);
        const x = build(theta).sample([], 13);
        const pathwise = tf.grad((t) => tf.sum(build(t).sample([], 13)))(theta);
        const dCdf = tf.grad((t) => tf.sum(build(t).cdf(x)))(theta);
        expectClose(pathwise, tf.neg(tf.div(dCdf, build(theta).prob(x))), { rtol: 2e-3, atol: 1e-5 });
      });
    });

    describe('validation and memory', () => {
      it.each([
        [
          () => gamma({ concentration: [1, 0], rate: 1 }),
          "Gamma: parameter 'concentration' must be positive, got 0 at [1]",
        ],
        [() => gamma({ concentration: 1, rate: -2 }), "Gamma: parameter 'rate' must be positive, got -2"],
        [
          () => gamma({ concentration: [1, 2], rate: [1, 2, 3] }),
          'Gamma: parameter shapes do not broadcast (concentration [2], rate [3]',
        ],
        [
          () => weibull({ concentration: Number.NaN, scale: 1 }),
          "Weibull: parameter 'concentration' must be positive, got NaN",
        ],
        [() => weibull({ concentration: 1, scale: 0 }), "Weibull: parameter 'scale' must be positive, got 0"],
      ])('%#: %s', (build, message) => {
        const before = tf.memory().numTensors;
        expect(build).toThrow(message);
        expect(tf.memory().numTensors).toBe(before);
      });

      it('every method is memory-neutral and dispose frees the owned parameters', async () => {
        const rate = tf.tensor1d([0.5, 2]);
        await expectNoLeaks(() => {
          for (const d of [
            gamma({ concentration: [0.5, 3], rate }),
            weibull({ concentration: [0.8, 2], scale: rate }),
          ]) {
            const x = d.sample([3], 1);
            tf.dispose([x, d.logProb(x), d.cdf(x), d.mean(), d.variance(), d.stddev(), d.mode(), d.entropy()]);
            d.dispose();
          }
          const [p, q] = [gamma({ concentration: 2, rate }), gamma({ concentration: 1, rate: 1 })];
          tf.dispose(kl(p, q));
          p.dispose();
          q.dispose();
        });
        expect(rate.isDisposed).toBe(false);
        rate.dispose();
      });
    });
  },
  { backends: ['cpu'] },
);
