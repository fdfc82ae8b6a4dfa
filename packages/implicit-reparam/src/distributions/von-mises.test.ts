import { kl, uniform } from '@proj/core/distributions';
import { i0eScalar, i1eScalar } from '@proj/core/special';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { bisect, meanSd, perSampleGradient, REFERENCE } from '../../test/helpers.js';
import { vonMises } from './von-mises.js';

/** The von Mises(0, κ) CDF by Simpson's rule on 4000 intervals of [−π, x], float64. */
function quadratureCdf(x: number, kappa: number): number {
  const integral = (to: number) => {
    const m = 4000;
    const h = (to + Math.PI) / m;
    let sum = 0;
    for (let i = 0; i <= m; i++) {
      const weight = i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2;
      sum += weight * Math.exp(kappa * (Math.cos(-Math.PI + i * h) - 1));
    }
    return (sum * h) / 3;
  };
  return integral(x) / integral(Math.PI);
}

/** ∂z/∂κ at fixed u = F(z; κ): central differences of the inverse (bisection) of the quadrature CDF. */
function inverseCdfDerivative(z: number, kappa: number): number {
  const u = quadratureCdf(z, kappa);
  const h = 1e-4 * kappa;
  const inverse = (k: number) => bisect((x) => quadratureCdf(x, k), u, -Math.PI, Math.PI);
  return (inverse(kappa + h) - inverse(kappa - h)) / (2 * h);
}

/** A(κ) = I₁(κ)/I₀(κ) = E[cos(x − μ)] and A′(κ) = 1 − A/κ − A². */
const meanCosine = (k: number) => i1eScalar(k) / i0eScalar(k);
const meanCosineDerivative = (k: number) => 1 - meanCosine(k) / k - meanCosine(k) ** 2;

describeBackends('VonMises', () => {
  it('logProb, cdf, ∂cdf/∂κ and entropy match scipy and mpmath', () => {
    for (const c of REFERENCE.vonMises) {
      tf.tidy(() => {
        const points = c.points as { x: number; cdf: number; dCdfDk: number; logProb: number }[];
        const x = points.map((p) => p.x + 0.3);
        const kappa = tf.scalar(c.k);
        const d = vonMises({ loc: 0.3, concentration: kappa });
        expectClose(
          d.logProb(x),
          points.map((p) => p.logProb),
          { rtol: 2e-5, atol: 2e-5 },
        );
        expectClose(
          d.cdf(x),
          points.map((p) => p.cdf),
          { rtol: 1e-5, atol: 1e-6 },
        );
        expectClose(d.entropy(), c.entropy, { rtol: 1e-4, atol: 1e-5 });
        const dK = points.map(
          (_, i) =>
            tf
              .grad((k) => tf.gather(vonMises({ loc: 0.3, concentration: k }).cdf(x), i))(kappa)
              .dataSync()[0]!,
        );
        expectClose(
          dK,
          points.map((p) => p.dCdfDk),
          { rtol: 2e-3, atol: 1e-6 },
        );
      });
    }
  });

  it.each([0.5, 3, 25])('per-sample ∂x/∂κ equals finite differences of the inverse CDF (κ = %f)', (kappa) => {
    const n = 6;
    const x = tf.tidy(() =>
      vonMises({ loc: 0, concentration: tf.fill([n], kappa) })
        .sample([], 12)
        .dataSync(),
    );
    const grads = perSampleGradient(Array(n).fill(kappa), (k) => vonMises({ loc: 0, concentration: k }).sample([], 12));
    for (let i = 0; i < n; i++) {
      const expected = inverseCdfDerivative(x[i]!, kappa);
      expect(Math.abs(grads[i]! - expected)).toBeLessThan(2e-3 * Math.abs(expected) + 1e-5);
    }
  });

  it.each([0.1, 2, 15, 100])('E[∂cos(x − μ)/∂κ] = A′(κ) and E[cos(x − μ)] = A(κ) (κ = %f)', (kappa) => {
    const n = 20000;
    const cosine = (x: tf.Tensor) => tf.cos(tf.sub(x, 1));
    const grads = perSampleGradient(
      Array(n).fill(kappa),
      (k) => vonMises({ loc: 1, concentration: k }).sample([], 21),
      cosine,
    );
    expectMeanWithin(grads, meanCosineDerivative(kappa), meanSd(grads).sd, 5);
    const values = tf.tidy(() => cosine(vonMises({ loc: 1, concentration: kappa }).sample([n], 22)).dataSync());
    expectMeanWithin(values, meanCosine(kappa), meanSd(values).sd, 5);
  });

  it('∂x/∂loc is 1; samples lie in [−π, π] after the shift', () => {
    tf.tidy(() => {
      const loc = tf.scalar(3);
      const x = vonMises({ loc, concentration: 2 }).sample([500], 2);
      expect(Array.from(x.dataSync()).every((v) => v >= -Math.PI && v <= Math.PI)).toBe(true);
      expectClose(tf.grad((l) => tf.sum(vonMises({ loc: l, concentration: 2 }).sample([500], 2)))(loc), 500);
    });
  });

  it('samples and gradients are finite for κ from 1e-4 to 1e7', () => {
    for (const kappa of [1e-4, 1e-2, 10.5, 1e4, 1e7]) {
      const grads = perSampleGradient(Array(200).fill(kappa), (k) =>
        vonMises({ loc: 0, concentration: k }).sample([], 3),
      );
      expect(Array.from(grads).every(Number.isFinite)).toBe(true);
      const x = tf.tidy(() => vonMises({ loc: 0, concentration: kappa }).sample([200], 3).dataSync());
      expect(Array.from(x).every((v) => Math.abs(v) <= Math.PI)).toBe(true);
    }
  });

  it('KL(VonMises ‖ Uniform(−π, π)) = log 2π − H; +∞ when the uniform misses part of the circle', () => {
    tf.tidy(() => {
      const c = REFERENCE.vonMises[2];
      const d = vonMises({ loc: 0, concentration: c.k });
      expectClose(kl(d, uniform({ low: -Math.PI, high: Math.PI })), Math.log(2 * Math.PI) - c.entropy, {
        rtol: 1e-4,
        atol: 1e-5,
      });
      expectClose(kl(d, uniform({ low: -1, high: Math.PI })), Number.POSITIVE_INFINITY);
    });
  });

  it('leaks nothing, also on errors, and rejects bad parameters', async () => {
    const kappa = tf.scalar(2);
    const loc = tf.scalar(0);
    await expectNoLeaks(() => tf.grad((k) => tf.sum(vonMises({ loc, concentration: k }).sample([4], 1)))(kappa));
    await expectNoLeaks(() => tf.grad((k) => tf.sum(vonMises({ loc, concentration: k }).cdf([0.5, 1])))(kappa));
    await expectNoLeaks(() => {
      expect(() => vonMises({ loc: 0, concentration: 0 })).toThrow(
        /VonMises: parameter 'concentration' must be positive/,
      );
      expect(() => vonMises({ loc: Number.NaN, concentration: 1 })).toThrow(/VonMises: parameter 'loc' must be finite/);
    });
    tf.dispose([kappa, loc]);
  });
});
