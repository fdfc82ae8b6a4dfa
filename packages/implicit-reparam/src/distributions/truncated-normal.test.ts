import { ndtriScalar } from '@proj/core/special';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { bisect, meanSd, REFERENCE } from '../../test/helpers.js';
import { truncatedNormal } from './truncated-normal.js';

const bound = (v: number | string) => (typeof v === 'number' ? v : Number(v));
/** Φ(x) in float64 as the inverse of core's ndtri (bisection): independent of the package's erfc fit. */
const phi = (x: number) =>
  x === Number.NEGATIVE_INFINITY ? 0 : x === Number.POSITIVE_INFINITY ? 1 : bisect(ndtriScalar, x, 0, 1);
/** The inverse CDF of the truncated normal at u, float64. */
function inverse(u: number, [mu, sigma, low, high]: number[]): number {
  const [pa, pb] = [phi((low! - mu!) / sigma!), phi((high! - mu!) / sigma!)];
  return mu! + sigma! * ndtriScalar(pa + u * (pb - pa));
}

describeBackends('TruncatedNormal', () => {
  it('logProb, cdf, mean, variance and entropy match scipy', () => {
    for (const c of REFERENCE.truncatedNormal) {
      tf.tidy(() => {
        const d = truncatedNormal({ loc: c.loc, scale: c.scale, low: bound(c.low), high: bound(c.high) });
        expectClose(d.logProb(c.x), c.logProb, { rtol: 1e-4, atol: 1e-5 });
        expectClose(d.cdf(c.x), c.cdf, { rtol: 1e-4, atol: 1e-6 });
        expectClose(d.mean(), c.mean, { rtol: 1e-4, atol: 1e-5 });
        expectClose(d.variance(), c.variance, { rtol: 1e-4, atol: 1e-5 });
        expectClose(d.entropy(), c.entropy, { rtol: 1e-4, atol: 1e-5 });
      });
    }
  });

  it('per-sample gradients in all four parameters equal finite differences of the inverse CDF', () => {
    const params = [0.5, 1.5, -1, 2.5];
    const n = 5;
    const grads = tf.tidy(() => {
      const ts = params.map((v) => tf.fill([n], v));
      return tf
        .grads((mu, sigma, low, high) =>
          tf.sum(truncatedNormal({ loc: mu!, scale: sigma!, low: low!, high: high! }).sample([], 6)),
        )(ts)
        .map((g) => g.dataSync());
    });
    const x = tf.tidy(() => truncatedNormal({ loc: 0.5, scale: 1.5, low: -1, high: 2.5 }).sample([n], 6).dataSync());
    const [pa, pb] = [phi((-1 - 0.5) / 1.5), phi((2.5 - 0.5) / 1.5)];
    for (let i = 0; i < n; i++) {
      const u = (phi((x[i]! - 0.5) / 1.5) - pa) / (pb - pa);
      params.forEach((_, j) => {
        const h = 1e-5;
        const up = params.map((v, k) => (k === j ? v + h : v));
        const down = params.map((v, k) => (k === j ? v - h : v));
        const expected = (inverse(u, up) - inverse(u, down)) / (2 * h);
        expect(Math.abs(grads[j]![i]! - expected)).toBeLessThan(1e-3 * Math.abs(expected) + 2e-4);
      });
    }
  });

  it('E[∂x/∂θ] = ∂E[x]/∂θ for all four parameters, and the sample mean is the mean', () => {
    const n = 20000;
    const values = [0.3, 0.8, -0.5, 1.2];
    const names = ['loc', 'scale', 'low', 'high'] as const;
    const make = (ts: tf.Tensor[]) => truncatedNormal({ loc: ts[0]!, scale: ts[1]!, low: ts[2]!, high: ts[3]! });
    const perSample = tf.tidy(() =>
      tf
        .grads((...ts) => tf.sum(make(ts).sample([], 13)))(values.map((v) => tf.fill([n], v)))
        .map((g) => g.dataSync()),
    );
    const expected = tf.tidy(() =>
      tf
        .grads((...ts) => make(ts).mean())(values.map((v) => tf.scalar(v)))
        .map((g) => g.dataSync()[0]!),
    );
    names.forEach((_, j) => {
      expectMeanWithin(perSample[j]!, expected[j]!, meanSd(perSample[j]!).sd, 5);
    });
    const d = truncatedNormal({ loc: 0.3, scale: 0.8, low: -0.5, high: 1.2 });
    const x = tf.tidy(() => d.sample([n], 14).dataSync());
    const [mean, variance] = tf.tidy(() => [d.mean().dataSync()[0]!, d.variance().dataSync()[0]!]);
    expectMeanWithin(x, mean!, Math.sqrt(variance!), 5);
    expect(Array.from(x).every((v) => v >= -0.5 && v <= 1.2)).toBe(true);
    d.dispose();
  });

  it('is finite for one-sided, far and narrow intervals; leaks nothing; rejects low ≥ high', async () => {
    for (const [low, high] of <[number, number][]>[
      [Number.NEGATIVE_INFINITY, -3],
      [4, 9],
      [0.999, 1.001],
      [2, Number.POSITIVE_INFINITY],
    ]) {
      tf.tidy(() => {
        const grads = tf.grads((mu, sigma) =>
          tf.sum(truncatedNormal({ loc: mu!, scale: sigma!, low, high }).sample([50], 2)),
        )([tf.scalar(0), tf.scalar(1)]);
        const x = truncatedNormal({ loc: 0, scale: 1, low, high }).sample([50], 2).dataSync();
        expect(Array.from(x).every((v) => v >= low && v <= high)).toBe(true);
        expect(grads.every((g) => Number.isFinite(g.dataSync()[0]))).toBe(true);
      });
    }
    const [loc, scale] = [tf.scalar(0), tf.scalar(1)];
    await expectNoLeaks(() =>
      tf.grad((m) => tf.sum(truncatedNormal({ loc: m, scale, low: -1, high: 1 }).sample([4], 1)))(loc),
    );
    await expectNoLeaks(() => {
      expect(() => truncatedNormal({ loc, scale, low: 1, high: 1 })).toThrow(
        /TruncatedNormal: parameter 'low' must be below/,
      );
    });
    tf.dispose([loc, scale]);
  });
});
