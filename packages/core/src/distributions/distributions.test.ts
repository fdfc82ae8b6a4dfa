import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { expectClose } from '../testing/expect-close.js';
import { expectMeanWithin } from '../testing/expect-mean-within.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { bernoulli } from './bernoulli.js';
import { categorical } from './categorical.js';
import type { Distribution } from './distribution.js';
import { exponential } from './exponential.js';
import { kl, registerKl } from './kl.js';
import { Laplace, laplace } from './laplace.js';
import { logNormal } from './log-normal.js';
import { multivariateNormalDiag } from './multivariate-normal-diag.js';
import { Normal, normal } from './normal.js';
import { poisson } from './poisson.js';
import { uniform } from './uniform.js';

type Params = Record<string, number | number[] | number[][]>;
interface UnivariateCase {
  family: string;
  params: Params;
  x: number[];
  logProb: number[];
  cdf: number[];
  mean: number;
  variance: number;
  entropy: number | null;
}

/** The fixtures of tools/fixtures/distributions.py (scipy.stats and numerical integration). */
const fixtures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/distributions/distributions.json', import.meta.url), 'utf8'),
  (_, value) =>
    value === 'Infinity'
      ? Number.POSITIVE_INFINITY
      : value === '-Infinity'
        ? Number.NEGATIVE_INFINITY
        : value === 'NaN'
          ? Number.NaN
          : value,
) as {
  univariate: UnivariateCase[];
  categorical: Array<{ params: Params; x: number[]; logProb: number[]; entropy: number; probs: number[] }>;
  mvnDiag: Array<{ params: Params; x: number[][][]; logProb: number[][]; entropy: number[] }>;
  kl: Array<{ p: [string, Params]; q: [string, Params]; kl: number }>;
};

/** The families under test by name. */
const FACTORIES: Record<string, (params: Params) => Distribution> = {
  Normal: (p) => normal(p as never),
  LogNormal: (p) => logNormal(p as never),
  Laplace: (p) => laplace(p as never),
  Exponential: (p) => exponential(p as never),
  Uniform: (p) => uniform(p as never),
  Bernoulli: (p) => bernoulli(p as never),
  Categorical: (p) => categorical(p as never),
  MultivariateNormalDiag: (p) => multivariateNormalDiag(p as never),
  Poisson: (p) => poisson(p as never),
};
const make = (family: string, params: Params) => {
  const factory = FACTORIES[family];
  if (factory === undefined) throw new Error(`no factory for ${family}`);
  return factory(params);
};

describeBackends(
  'distributions',
  () => {
    describe('log densities, CDFs, moments and entropies against scipy', () => {
      const cases = fixtures.univariate.filter((c) => c.family in FACTORIES);
      it.each(cases.map((c) => [c.family, JSON.stringify(c.params), c] as const))('%s %s', (_, __, c) => {
        const d = make(c.family, c.params);
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-6, atol: 2e-6 });
        // cdf goes through float32 erf/exp: absolute accuracy about 1e-7.
        expectClose(d.cdf(c.x), c.cdf, { rtol: 1e-5, atol: 3e-7 });
        expectClose(d.mean(), c.mean, { rtol: 2e-6 });
        expectClose(d.variance(), c.variance, { rtol: 5e-6 });
        expectClose(d.stddev(), Math.sqrt(c.variance), { rtol: 5e-6 });
        if (c.entropy !== null) expectClose(d.entropy(), c.entropy, { rtol: 2e-6, atol: 2e-6 });
        else expect(() => d.entropy()).toThrow(`${c.family}.entropy: not available in closed form`);
        d.dispose();
      });

      it.each(fixtures.categorical.map((c) => [JSON.stringify(c.params.logits), c] as const))(
        'Categorical logits %s',
        (_, c) => {
          const d = categorical({ logits: c.params.logits as number[] });
          expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-6, atol: 2e-6 });
          expectClose(d.entropy(), c.entropy, { rtol: 2e-6 });
          expectClose(d.probs(), c.probs, { rtol: 2e-6, atol: 1e-7 });
          expect(() => d.mean()).toThrow('Categorical.mean: not available in closed form');
          d.dispose();
        },
      );

      it('MultivariateNormalDiag: event axis, batch shape, log density and entropy', () => {
        const c = fixtures.mvnDiag[0]!;
        const d = multivariateNormalDiag(c.params as never);
        expect(d.eventShape).toEqual([3]);
        expect(d.batchShape).toEqual([2]);
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-6, atol: 2e-6 });
        expectClose(d.entropy(), c.entropy, { rtol: 2e-6 });
        expect(() => d.cdf(c.x)).toThrow('MultivariateNormalDiag.cdf: not available');
        expect(() => d.logProb([1, 2])).toThrow(/argument 'x' of shape \[2\] must end in the event shape \[3\]/);
        d.dispose();
      });
    });

    describe('kl', () => {
      it.each(fixtures.kl.map((c) => [`${c.p[0]} ‖ ${c.q[0]}`, c] as const))(
        '%s matches numerical integration',
        (_, c) => {
          if (!(c.p[0] in FACTORIES && c.q[0] in FACTORIES)) return;
          const [p, q] = [make(...c.p), make(...c.q)];
          expectClose(kl(p, q), c.kl, { rtol: 1e-4, atol: 1e-6 });
          tf.dispose([p, q].flatMap((d) => Object.values(d.params)));
        },
      );

      it('is zero from a distribution to itself, +Infinity for disjoint uniforms, and broadcasts batches', () => {
        const p = normal({ loc: [0, 1, 2], scale: 1.5 });
        expectClose(kl(p, p), [0, 0, 0], { atol: 1e-6 });
        const q = normal({ loc: [[0], [1]], scale: 2 });
        expect(kl(p, q).shape).toEqual([2, 3]);
        expectClose(kl(uniform({ low: 0, high: 2 }), uniform({ low: 1, high: 3 })), Number.POSITIVE_INFINITY);
      });

      it('names both families for a pair without a closed form, and accepts registrations', () => {
        const [p, q] = [normal({ loc: 0, scale: 1 }), laplace({ loc: 0, scale: 1 })];
        expect(() => kl(p, q)).toThrow(
          'kl: no closed form registered for KL(Normal ‖ Laplace); add one with registerKl',
        );
        registerKl(Normal, Laplace, () => tf.scalar(42));
        expectClose(kl(p, q), 42);
      });
    });

    /** Sample, then check the mean and the second central moment within 5 standard errors. */
    function expectMoments(
      d: Distribution,
      seed: number,
      moments: { mean: number[]; variance: number[]; fourth: number[] },
    ) {
      const n = 20000;
      const samples = d.sample([n], seed);
      expect(samples.shape).toEqual([n, ...d.batchShape]);
      const sd = moments.variance.map(Math.sqrt);
      expectMeanWithin(samples, moments.mean, sd);
      const squared = tf.square(tf.sub(samples, moments.mean));
      expectMeanWithin(
        squared,
        moments.variance,
        moments.fourth.map((m4, i) => Math.sqrt(m4 - moments.variance[i]! ** 2)),
      );
      tf.dispose([samples, squared]);
    }

    describe('sampling statistics at a fixed seed (5 standard errors)', () => {
      it('Normal', () =>
        expectMoments(normal({ loc: [1, -3], scale: [1, 0.5] }), 1, {
          mean: [1, -3],
          variance: [1, 0.25],
          fourth: [3, 3 * 0.0625],
        }));
      it('LogNormal (through its log)', () => {
        const samples = logNormal({ loc: 0.5, scale: 0.8 }).sample([20000], 2);
        expectMeanWithin(tf.log(samples), 0.5, 0.8);
        expect(tf.min(samples).dataSync()[0]).toBeGreaterThan(0);
      });
      it('Uniform', () => {
        const w = [1, 4];
        expectMoments(uniform({ low: [0, -1], high: [1, 3] }), 3, {
          mean: [0.5, 1],
          variance: w.map((v) => v ** 2 / 12),
          fourth: w.map((v) => v ** 4 / 80),
        });
      });
      it('Exponential', () => {
        const rate = [0.5, 3];
        expectMoments(exponential({ rate }), 4, {
          mean: rate.map((r) => 1 / r),
          variance: rate.map((r) => 1 / r ** 2),
          fourth: rate.map((r) => 9 / r ** 4),
        });
      });
      it('Laplace', () => {
        const b = [1, 0.25];
        expectMoments(laplace({ loc: [0, 2], scale: b }), 5, {
          mean: [0, 2],
          variance: b.map((v) => 2 * v ** 2),
          fourth: b.map((v) => 24 * v ** 4),
        });
      });
      it('Bernoulli', () => {
        const p = [0.1, 0.6];
        expectMoments(bernoulli({ probs: p }), 6, {
          mean: p,
          variance: p.map((v) => v * (1 - v)),
          fourth: p.map((v) => v * (1 - v) ** 4 + (1 - v) * v ** 4),
        });
      });
      it('Categorical: class frequencies', () => {
        const probs = [0.2, 0.5, 0.3];
        const d = categorical({ probs: [probs, [0.7, 0.1, 0.2]] });
        const samples = d.sample([20000], 7);
        expect(samples.dtype).toBe('int32');
        expect(samples.shape).toEqual([20000, 2]);
        const firstBatch = tf.oneHot(tf.squeeze(tf.slice(samples, [0, 0], [-1, 1]), [1]), 3);
        expectMeanWithin(
          firstBatch,
          probs,
          probs.map((p) => Math.sqrt(p * (1 - p))),
        );
      });
      it('Poisson, below and above the λ = 10 switch of algorithms', () => {
        const rate = [0.7, 4, 35, 2500];
        // Central moments of Poisson(λ): variance λ, fourth λ(1 + 3λ).
        expectMoments(poisson({ rate }), 10, { mean: rate, variance: rate, fourth: rate.map((r) => r * (1 + 3 * r)) });
        const samples = poisson({ rate }).sample([200], 11).dataSync();
        expect(Array.from(samples).every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
      });
      it.each([3, 35])('Poisson(%d): the frequency of every likely count matches the pmf', (rate) => {
        const n = 40000;
        const counts = poisson({ rate }).sample([n], 12);
        const ks = Array.from({ length: 2 * rate + 5 }, (_, k) => k).filter(
          (k) => Math.abs(k - rate) <= 3 * Math.sqrt(rate),
        );
        const pmf = tf.tidy(() => tf.exp(poisson({ rate }).logProb(ks)).dataSync());
        const indicators = tf.tidy(() => tf.cast(tf.equal(tf.expandDims(counts, 1), tf.tensor1d(ks)), 'float32'));
        expectMeanWithin(
          indicators,
          Array.from(pmf),
          Array.from(pmf, (p) => Math.sqrt(p * (1 - p))),
        );
        tf.dispose([counts, indicators]);
      });
      it('MultivariateNormalDiag', () => {
        const samples = multivariateNormalDiag({ loc: [1, 2, 3], scaleDiag: [0.5, 1, 2] }).sample([20000], 8);
        expect(samples.shape).toEqual([20000, 3]);
        expectMeanWithin(samples, [1, 2, 3], [0.5, 1, 2]);
      });
    });

    describe('seeds', () => {
      it('the same seed gives the same samples; another seed, others', () => {
        const d = normal({ loc: 0, scale: 1 });
        const [a, b, c] = [d.sample([5], 11), d.sample([5], 11), d.sample([5], 12)];
        expectClose(a, b, { rtol: 0, atol: 0 });
        expect(a.arraySync()).not.toEqual(c.arraySync());
      });

      it('rejects bad seeds and sample shapes', () => {
        const d = normal({ loc: 0, scale: 1 });
        expect(() => d.sample([2], -1)).toThrow("Normal.sample: argument 'seed' must be an integer");
        expect(() => d.sample([2.5], 1)).toThrow(
          "Normal.sample: argument 'sampleShape' must be an array of non-negative integers",
        );
      });
    });

    describe('pathwise gradients of reparameterized samples', () => {
      it('Normal: ∂x/∂loc = 1 and ∂x/∂scale = (x − loc)/scale, per sample', () => {
        const loc = tf.scalar(0.7);
        const scale = tf.scalar(1.3);
        const x = normal({ loc, scale }).sample([6], 9);
        const [dLoc, dScale] = tf.grads((l, s) => tf.sum(normal({ loc: l!, scale: s! }).sample([6], 9)))([loc, scale]);
        expectClose(dLoc!, 6, { rtol: 1e-6 });
        expectClose(dScale!, tf.sum(tf.div(tf.sub(x, loc), scale)), { rtol: 1e-5 });
      });

      // The implicit-function identity ∂x/∂θ = −(∂F(x; θ)/∂θ) / p(x; θ) holds for every reparameterized
      // univariate family; the right side uses the cdf and density, independent of the sampling transform.
      const families: Array<[string, (theta: tf.Tensor) => Distribution]> = [
        ['Normal scale', (t) => normal({ loc: 0.4, scale: t })],
        ['LogNormal loc', (t) => logNormal({ loc: t, scale: 0.6 })],
        ['Exponential rate', (t) => exponential({ rate: t })],
        ['Laplace scale', (t) => laplace({ loc: -1, scale: t })],
        ['Uniform high', (t) => uniform({ low: -1, high: t })],
      ];
      it.each(families)('%s matches −∂F/∂θ / p', (_, build) => {
        // A batch of 8 copies of θ: sample i depends on θ_i alone, so one gradient gives every ∂x_i/∂θ_i.
        const theta = tf.fill([8], 1.7);
        const x = build(theta).sample([], 13);
        const pathwise = tf.grad((t) => tf.sum(build(t).sample([], 13)))(theta);
        const dCdf = tf.grad((t) => tf.sum(build(t).cdf(x)))(theta);
        expectClose(pathwise, tf.neg(tf.div(dCdf, build(theta).prob(x))), { rtol: 2e-3, atol: 1e-5 });
      });
    });

    describe('gradients of log densities with respect to parameters', () => {
      it('flow through support masks (Uniform: ∂/∂high log p = −1/(high − low))', () => {
        const high = tf.scalar(3);
        const grad = tf.grad((h) => tf.sum(uniform({ low: 1, high: h }).logProb([1.5, 2.5, 4])))(high);
        // Two points inside (each −1/2); the point outside contributes nothing.
        expectClose(grad, -1, { rtol: 1e-6 });
      });

      it('LogNormal: ∂/∂loc log p(x) = (log x − loc)/scale²', () => {
        const loc = tf.scalar(0.2);
        const x = [0.5, 1, 4];
        const grad = tf.grad((m) => tf.sum(logNormal({ loc: m, scale: 0.7 }).logProb(x)))(loc);
        expectClose(
          grad,
          x.reduce((acc, v) => acc + (Math.log(v) - 0.2) / 0.49, 0),
          { rtol: 1e-5 },
        );
      });

      it('Bernoulli and Categorical: ∂/∂logits log p(k) = onehot(k) − softmax(logits)', () => {
        const logits = tf.tensor1d([0.3, -1, 2]);
        const grad = tf.grad((l) => categorical({ logits: l }).logProb(2))(logits);
        const softmax = tf.softmax(logits).dataSync();
        expectClose(grad, [-softmax[0]!, -softmax[1]!, 1 - softmax[2]!], { rtol: 1e-5 });
        const bernoulliGrad = tf.grad((l) => bernoulli({ logits: l }).logProb(1))(tf.scalar(0.4));
        expectClose(bernoulliGrad, 1 - 1 / (1 + Math.exp(-0.4)), { rtol: 1e-5 });
      });
    });

    describe('shapes and broadcasting', () => {
      it('broadcasts parameters into the batch shape and samples [...sample, ...batch]', () => {
        const d = normal({ loc: [0, 1, 2], scale: [[1], [2]] });
        expect(d.batchShape).toEqual([2, 3]);
        expect(d.sample([4, 5], 1).shape).toEqual([4, 5, 2, 3]);
        expect(d.mean().shape).toEqual([2, 3]);
        expect(d.entropy().shape).toEqual([2, 3]);
        expect(d.logProb([[0, 0, 0]]).shape).toEqual([2, 3]);
        expect(d.logProb(tf.zeros([7, 2, 3])).shape).toEqual([7, 2, 3]);
        expect(categorical({ logits: tf.zeros([2, 4]) }).sample([3], 2).shape).toEqual([3, 2]);
        expect(categorical({ logits: [1, 2, 3] }).sample([0], 2).shape).toEqual([0]);
      });

      it('rejects values that do not broadcast against the batch', () => {
        const d = normal({ loc: [0, 1, 2], scale: 1 });
        expect(() => d.logProb([1, 2])).toThrow(
          "Normal.logProb: argument 'x' of shape [2] must end in the event shape [] and broadcast against [3] (batch + event)",
        );
      });
    });

    describe('parameter validation', () => {
      it.each([
        [() => normal({ loc: 0, scale: [1, 0] }), "Normal: parameter 'scale' must be positive, got 0 at [1]"],
        [() => normal({ loc: Number.NaN, scale: 1 }), "Normal: parameter 'loc' must be finite, got NaN"],
        [
          () => normal({ loc: [1, 2], scale: [1, 2, 3] }),
          'Normal: parameter shapes do not broadcast (loc [2], scale [3]',
        ],
        [() => logNormal({ loc: 0, scale: -1 }), "LogNormal: parameter 'scale' must be positive, got -1"],
        [
          () => multivariateNormalDiag({ loc: 0, scaleDiag: 1 }),
          "MultivariateNormalDiag: parameters 'loc' and 'scaleDiag' need a last (event) axis",
        ],
        [() => bernoulli({ probs: 1.5 }), "Bernoulli: parameter 'probs' must be in [0, 1], got 1.5"],
        [() => bernoulli({ probs: 0.5, logits: 0 } as never), "Bernoulli: pass exactly one of 'logits' or 'probs'"],
        [
          () => categorical({ probs: [0.5, 0.4] }),
          /Categorical: parameter 'probs' must be summing to 1 over the last axis \(±1e-4\), got 0\.9/,
        ],
        [
          () => categorical({ logits: 3 }),
          "Categorical: parameter 'logits' must have a last axis of at least one class, got []",
        ],
        [() => uniform({ low: 2, high: 1 }), "Uniform: parameter 'high − low' must be positive (low < high), got -1"],
        [() => exponential({ rate: [1, -2] }), "Exponential: parameter 'rate' must be positive, got -2 at [1]"],
        [() => laplace({ loc: 0, scale: 0 }), "Laplace: parameter 'scale' must be positive, got 0"],
        [() => poisson({ rate: [3, 0] }), "Poisson: parameter 'rate' must be positive, got 0 at [1]"],
        [
          () => normal({ loc: 'a' as never, scale: 1 }),
          "Normal: parameter 'loc' must be a number, array or tensor, got a",
        ],
      ])('%#: %s', (build, message) => {
        const before = tf.memory().numTensors;
        expect(build).toThrow(message);
        expect(tf.memory().numTensors).toBe(before);
      });

      it('skips the checks with validateArgs: false', () => {
        expect(() => normal({ loc: 0, scale: -1 }, { validateArgs: false })).not.toThrow();
      });
    });

    describe('memory', () => {
      it('every method is memory-neutral, and dispose frees the owned parameters only', async () => {
        const loc = tf.tensor1d([0, 1]);
        await expectNoLeaks(() => {
          const builders: Distribution[] = [
            normal({ loc, scale: 2 }),
            logNormal({ loc, scale: 0.5 }),
            laplace({ loc, scale: 1 }),
            uniform({ low: loc, high: 3 }),
            exponential({ rate: [1, 2] }),
            bernoulli({ probs: [0.2, 0.7] }),
            multivariateNormalDiag({ loc, scaleDiag: [1, 2] }),
            poisson({ rate: [0.5, 20] }),
          ];
          for (const d of builders) {
            const x = d.sample([3], 1);
            if (d.eventShape.length === 0) tf.dispose(d.cdf(x));
            tf.dispose([x, d.logProb(x), d.mean(), d.variance(), d.stddev()]);
            if (d.name !== 'Poisson') tf.dispose(d.entropy());
            d.dispose();
          }
          const c = categorical({ probs: [0.2, 0.8] });
          const k = c.sample([4], 2);
          tf.dispose([k, c.logProb(k), c.entropy(), c.mode(), c.probs()]);
          c.dispose();
          const [p, q] = [normal({ loc, scale: 1 }), normal({ loc: 0, scale: 2 })];
          tf.dispose(kl(p, q));
          p.dispose();
          q.dispose();
        });
        expect(loc.isDisposed).toBe(false);
        loc.dispose();
      });
    });
  },
  { backends: ['cpu'] },
);

// The backend under test against the cpu reference (wasm in the default run, the one PROJ_BACKEND names else).
describeBackends(
  'distributions: backend under test vs cpu',
  (backend) => {
    it(`give the same seeded samples on ${backend} as on cpu`, async () => {
      const draw = () =>
        tf.tidy(() => {
          const d = laplace({ loc: [0, 1], scale: 2 });
          return [d.sample([3], 5).arraySync(), d.logProb([0.5, 0.5]).arraySync()];
        });
      const onBackend = draw();
      await initBackend('cpu');
      const onCpu = draw();
      await initBackend(backend);
      expectClose(onBackend[0] as number[][], onCpu[0] as number[][], { rtol: 1e-6, atol: 1e-7 });
      // −log(2b) − |x − loc|/b with b = 2: −log 4 − 0.25 for both.
      expectClose(onBackend[1] as number[], [-Math.log(4) - 0.25, -Math.log(4) - 0.25], { rtol: 1e-6 });
    });
  },
  { backends: ['wasm'] },
);
