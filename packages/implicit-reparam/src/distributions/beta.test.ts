import { splitSeed } from '@proj/core';
import { gamma, kl } from '@proj/core/distributions';
import { betaincScalar, logBetaScalar } from '@proj/core/special';
import { checkGradients, expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { gammaDrawDerivative, meanSd, perSampleGradient, REFERENCE } from '../../test/helpers.js';
import { beta } from './beta.js';

describeBackends('Beta', () => {
  it('logProb, mean, variance and entropy match scipy', () => {
    for (const c of REFERENCE.beta) {
      tf.tidy(() => {
        const d = beta({ concentration1: c.a, concentration0: c.b });
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-5, atol: 2e-5 });
        expectClose(d.mean(), c.mean, { rtol: 1e-6 });
        expectClose(d.variance(), c.variance, { rtol: 1e-5 });
        expectClose(d.entropy(), c.entropy, { rtol: 1e-4, atol: 1e-5 });
      });
    }
  });

  it('cdf matches scipy, is 0 below and 1 above the support, NaN at NaN', () => {
    for (const c of REFERENCE.beta) {
      tf.tidy(() => {
        expectClose(beta({ concentration1: c.a, concentration0: c.b }).cdf(c.x), c.cdf, { rtol: 1e-5, atol: 1e-7 });
      });
    }
    tf.tidy(() => {
      const d = beta({ concentration1: [0.5, 2], concentration0: 3 });
      const nan = Number.NaN;
      expectClose(
        d.cdf([
          [-1, 2],
          [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
          [0, 1],
          [nan, 0.5],
        ]),
        [
          [0, 1],
          [0, 1],
          [0, 1],
          [nan, 11 / 16], // I_x(2, 3) = 1 − (1 − x)⁴ − 4x(1 − x)³
        ],
      );
    });
  });

  it('cdf is differentiable in x (the density) and in both concentrations (the implicit gradient)', () => {
    const a = tf.tensor1d([0.7, 2, 20]);
    const b = tf.tensor1d([3, 0.4, 7.5]);
    const x = tf.tensor1d([0.1, 0.8, 0.7]);
    const cdf = (s?: tf.Tensor, t?: tf.Tensor, u?: tf.Tensor) =>
      beta({ concentration1: s!, concentration0: t! }).cdf(u!);
    checkGradients(cdf, [a, b, x], { h: 1e-3 });
    // ∂F/∂x is the density; the implicit reparameterization gradient ∂x/∂a = −(∂F/∂a)/p(x) for a = 2, b = 1,
    // where F = x², is −x log x/2 (x = √u, u fixed).
    const density = tf.tidy(() => beta({ concentration1: a, concentration0: b }).prob(x));
    expectClose(tf.grad((u) => beta({ concentration1: a, concentration0: b }).cdf(u))(x), density);
    const dFda = tf.grad((s) => beta({ concentration1: s, concentration0: 1 }).cdf(0.6))(tf.scalar(2));
    const pdf = 2 * 0.6;
    expectClose(tf.div(tf.neg(dFda), pdf), (-0.6 * Math.log(0.6)) / 2);
    tf.dispose([a, b, x, density, dFda]);
  });

  it('KL(Beta ‖ Beta) matches quadrature', () => {
    for (const c of REFERENCE.betaKl) {
      tf.tidy(() => {
        const [p, q] = [c.p, c.q].map(([a, b]) => beta({ concentration1: a, concentration0: b }));
        expectClose(kl(p!, q!), c.kl, { rtol: 1e-4, atol: 1e-5 });
      });
    }
  });

  it('per-sample gradients are the two-Gamma ones, with ∂G/∂a from finite differences of the inverse CDF', () => {
    const [a, b, n, seed] = [1.7, 0.6, 8, 11];
    const [seed1, seed0] = splitSeed(seed, 2) as [number, number];
    const standard = (alpha: number, s: number) =>
      tf.tidy(() => tf.exp(gamma({ concentration: tf.fill([n], alpha), rate: 1 }).logSample([], s)).dataSync());
    const [g1, g0] = [standard(a, seed1), standard(b, seed0)];
    const dA = perSampleGradient(Array(n).fill(a), (t) =>
      beta({ concentration1: t, concentration0: b }).sample([], seed),
    );
    const dB = perSampleGradient(Array(n).fill(b), (t) =>
      beta({ concentration1: a, concentration0: t }).sample([], seed),
    );
    for (let i = 0; i < n; i++) {
      const total = g1[i]! + g0[i]!;
      const x = g1[i]! / total;
      expect(dA[i]).toBeCloseTo(((1 - x) * gammaDrawDerivative(a, g1[i]!)) / total, 3);
      expect(dB[i]).toBeCloseTo((-x * gammaDrawDerivative(b, g0[i]!)) / total, 3);
    }
  });

  it.each([
    [2, 3],
    [0.05, 0.5],
    [30, 4],
  ])('E[∂x/∂a] = ∂E[x]/∂a = b/(a + b)² and E[∂x/∂b] = −a/(a + b)² (a = %f, b = %f)', (a, b) => {
    const n = 20000;
    const dA = perSampleGradient(Array(n).fill(a), (t) => beta({ concentration1: t, concentration0: b }).sample([], 5));
    const dB = perSampleGradient(Array(n).fill(b), (t) => beta({ concentration1: a, concentration0: t }).sample([], 6));
    expectMeanWithin(dA, b / (a + b) ** 2, meanSd(dA).sd, 5);
    expectMeanWithin(dB, -a / (a + b) ** 2, meanSd(dB).sd, 5);
  });

  it("route 'marginal': the same draws, with ∂x/∂θ = −(∂I_x(a, b)/∂θ)/p(x) (host float64 central differences)", () => {
    const [a, b, n, seed] = [1.7, 0.6, 8, 11];
    const x = tf.tidy(() => beta({ concentration1: a, concentration0: b }).sample([n], seed).dataSync());
    const marginal = (p: tf.Tensor | number, q: tf.Tensor | number) =>
      beta({ concentration1: p, concentration0: q }, { route: 'marginal' });
    expect(Array.from(tf.tidy(() => marginal(a, b).sample([n], seed).dataSync()))).toEqual(Array.from(x));
    const dA = perSampleGradient(Array(n).fill(a), (t) => marginal(t, b).sample([], seed));
    const dB = perSampleGradient(Array(n).fill(b), (t) => marginal(a, t).sample([], seed));
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const density = Math.exp((a - 1) * Math.log(xi) + (b - 1) * Math.log1p(-xi) - logBetaScalar(a, b));
      const h = 1e-4;
      const dIda = (betaincScalar(a + h, b, xi) - betaincScalar(a - h, b, xi)) / (2 * h);
      const dIdb = (betaincScalar(a, b + h, xi) - betaincScalar(a, b - h, xi)) / (2 * h);
      expectClose([dA[i]!, dB[i]!], [-dIda / density, -dIdb / density], { rtol: 2e-3, atol: 1e-6 });
    }
  });

  it("route 'marginal': E[∂x/∂a] = b/(a + b)² and E[∂x/∂b] = −a/(a + b)²; an unknown route is an error", () => {
    const [a, b, n] = [2, 3, 20000];
    const draw = (p: tf.Tensor | number, q: tf.Tensor | number, seed: number) =>
      beta({ concentration1: p, concentration0: q }, { route: 'marginal' }).sample([], seed);
    const dA = perSampleGradient(Array(n).fill(a), (t) => draw(t, b, 5));
    const dB = perSampleGradient(Array(n).fill(b), (t) => draw(a, t, 6));
    expectMeanWithin(dA, b / (a + b) ** 2, meanSd(dA).sd, 5);
    expectMeanWithin(dB, -a / (a + b) ** 2, meanSd(dB).sd, 5);
    expect(() => beta({ concentration1: 1, concentration0: 1 }, { route: 'inverse' as 'marginal' })).toThrow(
      "Beta: option 'route' must be 'gammas' or 'marginal', got inverse",
    );
  });

  it('samples have the closed-form mean and variance', () => {
    const [a, b] = [2.5, 0.8];
    const x = tf.tidy(() => beta({ concentration1: a, concentration0: b }).sample([20000], 9).dataSync());
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expectMeanWithin(x, mean, Math.sqrt(variance), 5);
    const centered = Array.from(x, (v) => (v - mean) ** 2);
    expectMeanWithin(centered, variance, meanSd(centered).sd, 5);
  });

  it('samples and gradients stay finite in [0, 1] for concentrations from 1e-3 to 1e4', () => {
    for (const [a, b] of [
      [1e-3, 1e-3],
      [1e-3, 1e4],
      [1e4, 1e4],
    ] as const) {
      const dA = perSampleGradient(Array(200).fill(a), (t) =>
        beta({ concentration1: t, concentration0: b }).sample([], 2),
      );
      const x = tf.tidy(() => beta({ concentration1: a, concentration0: b }).sample([200], 2).dataSync());
      expect(Array.from(dA).every(Number.isFinite)).toBe(true);
      expect(Array.from(x).every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('leaks nothing, also on errors and in cdf gradients; rejects bad parameters', async () => {
    const a = tf.scalar(2);
    const b = tf.scalar(3);
    await expectNoLeaks(() => tf.grad((t) => tf.sum(beta({ concentration1: t, concentration0: b }).sample([4], 1)))(a));
    await expectNoLeaks(() => tf.tidy(() => beta({ concentration1: 0.5, concentration0: [1, 2] }).sample([3], 1)));
    await expectNoLeaks(() => {
      expect(() => beta({ concentration1: [1, -1], concentration0: 3 })).toThrow(
        /Beta: parameter 'concentration1' must be positive/,
      );
      const d = beta({ concentration1: 1, concentration0: 3 });
      expect(() => d.cdf('x' as never)).toThrow(/Beta.cdf: argument 'x'/);
      d.dispose();
    });
    await expectNoLeaks(() =>
      tf.grad((t) => tf.sum(beta({ concentration1: t, concentration0: b }).cdf([0.2, 0.9])))(a),
    );
    tf.dispose([a, b]);
  });
});
