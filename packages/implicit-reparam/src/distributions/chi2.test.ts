import { igammaScalar } from '@proj/core/special';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { bisect, meanSd, perSampleGradient, REFERENCE } from '../../test/helpers.js';
import { chi2 } from './chi2.js';

describeBackends('Chi2', () => {
  it('logProb, cdf, mean, variance and entropy match scipy', () => {
    for (const c of REFERENCE.chi2) {
      tf.tidy(() => {
        const d = chi2({ df: c.k });
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-5, atol: 2e-5 });
        expectClose(d.cdf(c.x), c.cdf, { rtol: 1e-4, atol: 1e-6 });
        expectClose(d.mean(), c.k);
        expectClose(d.variance(), 2 * c.k);
        expectClose(d.entropy(), c.entropy, { rtol: 1e-4, atol: 1e-5 });
      });
    }
  });

  it('per-sample ∂x/∂k equals finite differences of the inverse CDF P(k/2, x/2)', () => {
    const [k, n] = [3.3, 8];
    const x = tf.tidy(() =>
      chi2({ df: tf.fill([n], k) })
        .sample([], 5)
        .dataSync(),
    );
    const grads = perSampleGradient(Array(n).fill(k), (df) => chi2({ df }).sample([], 5));
    for (let i = 0; i < n; i++) {
      const u = igammaScalar(k / 2, x[i]! / 2);
      const inverse = (df: number) => 2 * bisect((v) => igammaScalar(df / 2, v), u, 0, 200);
      const expected = (inverse(k + 1e-4) - inverse(k - 1e-4)) / 2e-4;
      expect(grads[i]).toBeCloseTo(expected, 3);
    }
  });

  it.each([0.2, 4, 50])('E[∂x²/∂k] = ∂E[x²]/∂k = 2k + 2 and the sample mean is k (k = %f)', (k) => {
    const n = 20000;
    const grads = perSampleGradient(Array(n).fill(k), (df) => chi2({ df }).sample([], 31), tf.square);
    expectMeanWithin(grads, 2 * k + 2, meanSd(grads).sd, 5);
    const x = tf.tidy(() => chi2({ df: k }).sample([n], 32).dataSync());
    expectMeanWithin(x, k, Math.sqrt(2 * k), 5);
  });

  it('samples and gradients are finite for df from 1e-3 to 1e4; nothing leaks; bad df is rejected', async () => {
    for (const k of [1e-3, 1e4]) {
      const grads = perSampleGradient(Array(100).fill(k), (df) => chi2({ df }).sample([], 3));
      expect(Array.from(grads).every(Number.isFinite)).toBe(true);
    }
    const df = tf.scalar(2);
    await expectNoLeaks(() => tf.grad((t) => tf.sum(chi2({ df: t }).sample([4], 1)))(df));
    await expectNoLeaks(() => {
      expect(() => chi2({ df: -1 })).toThrow(/Chi2: parameter 'df' must be positive/);
    });
    df.dispose();
  });
});
