import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { splitSeed } from '../random/seed.js';
import { uniformStream } from '../random/uniform-stream.js';
import { igammaScalar } from '../special/scalar/igamma-scalar.js';
import { igammacScalar } from '../special/scalar/igammac-scalar.js';
import { lgammaScalar as lgammaOf } from '../special/scalar/lgamma-scalar.js';
import { trigammaScalar } from '../special/scalar/trigamma-scalar.js';
import { expectClose } from '../testing/expect-close.js';
import { expectMeanWithin } from '../testing/expect-mean-within.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { gamma } from './gamma.js';
import { interpolatedGammaGradients } from './gamma-gradient-table.js';
import { standardGammaGradient, standardGammaLogGradient } from './gamma-sample-gradient.js';
import { sampleGamma } from './gamma-sampler.js';

/**
 * test/fixtures/distributions/gamma_sample_gradient.py: d log x/da = −(∂P/∂a)/(x·p) (and dx/da where x is a
 * float64) by mpmath at Gamma(a, 1) quantiles 1e-6 … 1 − 1e-6, a ∈ [1e-3, 1e4].
 */
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/distributions/gamma_sample_gradient.json', import.meta.url), 'utf8'),
) as { cases: Array<{ a: number; q: number; logx: number; dlogxda: number; x?: number; dxda?: number }> };

/** log x of the u-quantile of Gamma(a, 1), by bisection in log x on igamma (float64; u ≤ 1/2) or igammac. */
function logQuantile(a: number, u: number): number {
  // Below x = e^−700, P(a, x) = x^a/Γ(a + 1) to float64 precision: compared in log space.
  const below = (t: number) =>
    u > 0.5
      ? igammacScalar(a, Math.exp(t)) > 1 - u
      : t < -700
        ? a * t - lgammaOf(a + 1) < Math.log(u)
        : igammaScalar(a, Math.exp(t)) < u;
  // P(a, x) ≤ x^a/Γ(a + 1): the quantile lies above (log u + log Γ(a + 1))/a.
  let [lo, hi] = [(Math.log(u) + lgammaOf(a + 1)) / a - 1, Math.log(a + 20 * Math.sqrt(a) + 60)];
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The sampler as documented, one element at a time (the implementation before the bulk SIMD uniforms):
 * Box–Muller normals and Marsaglia–Tsang on the element's own uniform stream, boosted by U^(1/a) below 1.
 */
function referenceGamma(a: number, rate: number, seed: number, element: number): number {
  const uniform = uniformStream(splitSeed(seed, 1)[0]!, 0x9a77a, element);
  const shape = a < 1 ? a + 1 : a;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let standard: number;
  for (;;) {
    const x = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      standard = d * v;
      break;
    }
  }
  return Math.fround((a < 1 ? standard * uniform() ** (1 / a) : standard) / rate);
}

describe('standardGammaGradient and standardGammaLogGradient (∂x/∂a, ∂ log x/∂a of a Gamma(a, 1) draw)', () => {
  it(`match mpmath to 1e-10 at ${fixture.cases.length} quantiles, a ∈ [1e-3, 1e4], tails included`, () => {
    for (const { a, q, logx, dlogxda, x, dxda } of fixture.cases) {
      const logRelative = Math.abs(standardGammaLogGradient(a, logx) - dlogxda) / Math.abs(dlogxda);
      expect(logRelative, `a = ${a}, q = ${q}, log x = ${logx}`).toBeLessThan(1e-10);
      if (x === undefined || dxda === undefined) continue;
      const relative = Math.abs(standardGammaGradient(a, x) - dxda) / Math.abs(dxda);
      expect(relative, `a = ${a}, q = ${q}, x = ${x}`).toBeLessThan(1e-10);
    }
  });

  // The inverse CDF x(a) = F⁻¹(u; a) at fixed u, differentiated by central differences (float64 bisection on
  // igamma): independent of the series and continued fraction under test.
  it.each([1e-3, 0.01, 0.3, 1, 7.5, 10, 150, 1e4])('a = %f: equal central differences of the inverse CDF', (a) => {
    const h = 1e-4 * a;
    for (const u of [1e-5, 0.02, 0.3, 0.5, 0.8, 0.999]) {
      const logX = logQuantile(a, u);
      const difference = (logQuantile(a + h, u) - logQuantile(a - h, u)) / (2 * h);
      const gradient = standardGammaLogGradient(a, logX);
      expect(Math.abs(gradient - difference) / Math.abs(difference), `u = ${u}`).toBeLessThan(1e-5);
      if (logX > -700) {
        const x = Math.exp(logX);
        expect(Math.abs(standardGammaGradient(a, x) - x * difference) / Math.abs(x * difference)).toBeLessThan(1e-5);
      }
    }
  });

  it('is 0 at x = 0 (a draw that underflowed) with a finite log gradient, finite and positive inside', () => {
    expect(standardGammaGradient(0.1, 0)).toBe(0);
    // Where x underflows, d log x/da → (ψ(a + 1) − log x)/a.
    expect(standardGammaLogGradient(1e-3, -5000)).toBeCloseTo((-0.5756 + 5000) / 1e-3, -2);
    for (const [a, x] of [
      [0.1, 1e-30],
      [3, 2.9],
      [50, 50],
      [50, 20],
      [1e4, 1e4],
    ] as const) {
      expect(standardGammaGradient(a, x)).toBeGreaterThan(0);
    }
  });
});

describe('sampleGamma (bulk uniforms, chunked)', () => {
  it('gives exactly the per-element definition over several chunks, mixed concentrations and rates', () => {
    const n = 9000;
    const a = Float32Array.from({ length: n }, (_, i) => [0.05, 0.3, 1, 2.5, 40][i % 5]!);
    const rates = Float32Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
    const draws = sampleGamma(a, rates, 17);
    for (let i = 0; i < n; i += 7) expect(draws[i], `element ${i}`).toBe(referenceGamma(a[i]!, rates[i]!, 17, i));
  });

  it('gives NaN (not a hang) for a concentration that is not positive', () => {
    expect(Array.from(sampleGamma([0, -1, Number.NaN, 2], [1, 1, 1, 1], 3).slice(0, 3))).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });
});

describeBackends('Gamma.sample (implicitly reparameterized) and Gamma.logSample', () => {
  it('draws the values of the host sampler for the same seed; logSample their logarithms', () => {
    const d = gamma({ concentration: [0.4, 3], rate: [2, 0.5] });
    expect(d.reparameterization).toBe('implicit');
    const expected = sampleGamma(
      Float32Array.from({ length: 100 }, (_, i) => [0.4, 3][i % 2]!),
      Float32Array.from({ length: 100 }, (_, i) => [2, 0.5][i % 2]!),
      5,
    );
    const [x, logX] = [d.sample([50], 5), d.logSample([50], 5)];
    expect(Array.from(x.dataSync())).toEqual(Array.from(expected));
    expectClose(tf.exp(logX), x, { rtol: 1e-6 });
    tf.dispose([x, logX]);
    d.dispose();
  });

  it('logSample stays finite where sample underflows (a = 0.01: about 40% zeros in float32)', () => {
    const d = gamma({ concentration: 0.01, rate: 1 });
    const [x, logX] = [d.sample([4000], 2), d.logSample([4000], 2)];
    const zeros = Array.from(x.dataSync()).filter((v) => v === 0).length;
    expect(zeros / 4000).toBeGreaterThan(0.3);
    const logs = logX.dataSync();
    expect(logs.every(Number.isFinite)).toBe(true);
    // log X = log G + log(U)/a with G ~ Gamma(a + 1): E[log X] = ψ(a + 1) − 1/a = ψ(a).
    const values = Array.from(logs);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    expectMeanWithin(logX, -100.5608, sd);
    tf.dispose([x, logX]);
  });

  // The implicit-function identity ∂x/∂θ = −(∂F(x; θ)/∂θ)/p(x; θ), with F = igamma (∂/∂a by differences of
  // a float64 series), independent of the approximation in standardGammaGradient.
  it.each([0.1, 1, 10])('a = %f: ∂x/∂a and ∂x/∂β match −(∂F/∂θ)/p of the cdf', (a) => {
    const [concentration, rate] = [tf.fill([64], a), tf.fill([64], 1.5)];
    const build = (c: tf.Tensor, r: tf.Tensor) => gamma({ concentration: c, rate: r }, { validateArgs: false });
    const x = build(concentration, rate).sample([], 11);
    const [dA, dRate] = tf.grads((c, r) => tf.sum(build(c!, r!).sample([], 11)))([concentration, rate]);
    const [cdfA, cdfRate] = tf.grads((c, r) => tf.sum(build(c!, r!).cdf(x)))([concentration, rate]);
    const density = build(concentration, rate).prob(x);
    // Where x underflows to 0 (a = 0.1) both sides are 0 / not finite: compare only draws above 1e-30.
    const inside = tf.greater(x, 1e-30);
    const implicit = (g: tf.Tensor) => tf.where(inside, tf.neg(tf.div(g, density)), tf.zerosLike(g));
    expectClose(tf.where(inside, dA!, tf.zerosLike(dA!)), implicit(cdfA!), { rtol: 2e-3, atol: 1e-6 });
    expectClose(dRate!, tf.neg(tf.div(x, rate)), { rtol: 1e-6 });
    expectClose(tf.where(inside, dRate!, tf.zerosLike(dRate!)), implicit(cdfRate!), { rtol: 1e-3, atol: 1e-6 });
    tf.dispose([concentration, rate, x, dA!, dRate!, cdfA!, cdfRate!, density, inside]);
  });

  // Per draw: u = P(a, βx) in float64, then the inverse CDF at that fixed u differentiated by central differences.
  it.each([1e-3, 0.1, 1, 10, 1e4])('a = %f: per-draw gradients of sample and logSample match the inverse CDF', (a) => {
    const [n, rate] = [32, 1.5];
    const concentration = tf.fill([n], a);
    const build = (c: tf.Tensor) => gamma({ concentration: c, rate }, { validateArgs: false });
    const [x, logX] = [build(concentration).sample([], 7), build(concentration).logSample([], 7)];
    const gradX = tf.grad((c) => tf.sum(build(c).sample([], 7)))(concentration);
    const gradLogX = tf.grad((c) => tf.sum(build(c).logSample([], 7)))(concentration);
    const [xs, logs, dX, dLogX] = [x.dataSync(), logX.dataSync(), gradX.dataSync(), gradLogX.dataSync()];
    const h = 1e-4 * a;
    for (let i = 0; i < n; i++) {
      const logZ = logs[i]! + Math.log(rate);
      const u = logZ > -700 ? igammaScalar(a, Math.exp(logZ)) : Math.exp(a * logZ - lgammaOf(a + 1));
      if (u <= 0 || u >= 1 - 1e-9) continue;
      const difference = (logQuantile(a + h, u) - logQuantile(a - h, u)) / (2 * h);
      expect(Math.abs(dLogX[i]! - difference) / Math.abs(difference), `log draw ${i}`).toBeLessThan(1e-4);
      if (xs[i]! > 1e-30) {
        const expected = xs[i]! * difference;
        expect(Math.abs(dX[i]! - expected) / Math.abs(expected), `draw ${i}`).toBeLessThan(1e-4);
      }
    }
    tf.dispose([concentration, x, logX, gradX, gradLogX]);
  });

  it('gives finite gradients (and finite log draws) for concentrations across [1e-3, 1e4]', () => {
    const values = Float32Array.from({ length: 4000 }, (_, i) => 10 ** (-3 + (7 * (i % 400)) / 399));
    const [concentration, rate] = [tf.tensor1d(values), tf.scalar(0.7)];
    const [dA, dRate] = tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! }).sample([], 5)))([
      concentration,
      rate,
    ]);
    const [dLogA, dLogRate] = tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! }).logSample([], 5)))([
      concentration,
      rate,
    ]);
    const logX = gamma({ concentration, rate }).logSample([], 5);
    for (const t of [dA!, dRate!, dLogA!, dLogRate!, logX]) expect(t.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([concentration, rate, dA!, dRate!, dLogA!, dLogRate!, logX]);
  });

  it.each([1e-3, 0.1, 1, 10, 1e4])('a = %f: the mean pathwise gradient is ∂E[x]/∂a = 1/β (5 standard errors)', (a) => {
    const n = 20000;
    const concentration = tf.fill([n], a);
    const dA = tf.grad((c) => tf.sum(gamma({ concentration: c, rate: 2 }).sample([], 29)))(concentration);
    const values = Array.from(dA.dataSync());
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    expectMeanWithin(dA, 1 / 2, sd);
    tf.dispose([concentration, dA]);
  });

  it.each([1e-3, 0.01, 1, 100])(
    'a = %f: the mean log-space gradient is ∂E[log x]/∂a = ψ′(a) (5 standard errors)',
    (a) => {
      const n = 20000;
      const concentration = tf.fill([n], a);
      const dA = tf.grad((c) => tf.sum(gamma({ concentration: c, rate: 3 }).logSample([], 31)))(concentration);
      const values = Array.from(dA.dataSync());
      const mean = values.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
      expectMeanWithin(dA, trigammaScalar(a), sd);
      tf.dispose([concentration, dA]);
    },
  );

  it('the gradient of ≥ 2^16 draws of scalar parameters (interpolated) matches the per-draw one', () => {
    const n = 70000;
    const [a, rate] = [tf.scalar(1.7), tf.scalar(0.6)];
    const [dA, dRate] = tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! }).sample([n], 4)))([a, rate]);
    const [as, rates] = [tf.fill([n], 1.7), tf.fill([n], 0.6)];
    const [perA, perRate] = tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! }).sample([], 4)))([
      as,
      rates,
    ]);
    expectClose(dA!, tf.sum(perA!), { rtol: 1e-5 });
    expectClose(dRate!, tf.sum(perRate!), { rtol: 1e-5 });
    tf.dispose([a, rate, dA!, dRate!, as, rates, perA!, perRate!]);
  });

  it('broadcasts: scalar and vector parameters get gradients of their own shapes (summed over draws)', () => {
    const [concentration, rate] = [tf.tensor1d([0.5, 2, 8]), tf.scalar(1.25)];
    const [dA, dRate] = tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! }).sample([40], 3)))([
      concentration,
      rate,
    ]);
    expect(dA!.shape).toEqual([3]);
    expect(dRate!.shape).toEqual([]);
    const x = gamma({ concentration, rate }).sample([40], 3);
    const sum = tf.sum(x);
    expectClose(dRate!, -sum.dataSync()[0]! / 1.25, { rtol: 1e-5 });
    const twos = tf.fill([40, 3], 2);
    const perElement = tf.grad((c) => tf.sum(gamma({ concentration: c, rate }).sample([], 3)))(twos);
    expect(perElement.shape).toEqual([40, 3]);
    tf.dispose([concentration, rate, dA!, dRate!, x, sum, twos, perElement]);
  });

  it('throws naming Gamma.logSample for a bad seed or sample shape, leaking nothing', () => {
    const d = gamma({ concentration: 2, rate: 1 });
    const before = tf.memory().numTensors;
    expect(() => d.logSample([3], -1)).toThrow('Gamma.logSample');
    expect(() => d.logSample([-3], 1)).toThrow('Gamma.logSample');
    expect(() => d.logSample([2 ** 20, 2 ** 12], 1)).toThrow('Gamma.logSample');
    expect(tf.memory().numTensors).toBe(before);
    d.dispose();
  });

  it.each(['sample', 'logSample'] as const)('%s is memory-neutral, forward and backward', async (method) => {
    const [concentration, rate] = [tf.tensor1d([0.3, 4]), tf.scalar(2)];
    await expectNoLeaks(() => {
      tf.dispose(gamma({ concentration, rate })[method]([5], 1));
      tf.dispose(
        tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! })[method]([5], 1)))([concentration, rate]),
      );
      // Scalar parameters and ≥ 2¹⁶ draws: the interpolated gradient (sample) or the loop (logSample).
      const [a, b] = [tf.scalar(0.7), tf.scalar(1.5)];
      tf.dispose(tf.grads((c, r) => tf.sum(gamma({ concentration: c!, rate: r! })[method]([70000], 2)))([a, b]));
      tf.dispose([a, b]);
    });
    tf.dispose([concentration, rate]);
  });
});

describe('interpolatedGammaGradients (one concentration, many draws)', () => {
  it.each([
    [0.1, 1],
    [1, 1],
    [10, 2.5],
    [10, 1],
    [300, 7],
    [0.02, 0.3],
  ])('a = %f, β = %f: within 1e-4 of evaluating every draw, summed or per draw', (a, beta) => {
    const n = 50000;
    const draws = sampleGamma(new Float32Array(n).fill(a), new Float32Array(n).fill(beta), 8);
    const upstream = Float32Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const perDraw = new Float32Array(n);
    const sum = interpolatedGammaGradients(a, beta, draws, upstream, undefined);
    interpolatedGammaGradients(a, beta, draws, upstream, perDraw);
    let direct = 0;
    for (let i = 0; i < n; i++) {
      const expected = (upstream[i]! * standardGammaGradient(a, draws[i]! * beta)) / beta;
      direct += expected;
      if (expected !== 0) expect(Math.abs(perDraw[i]! - expected) / Math.abs(expected)).toBeLessThan(1e-4);
      else expect(perDraw[i]).toBe(0);
    }
    expect(Math.abs(sum - direct) / Math.abs(direct)).toBeLessThan(1e-5);
  });
});
