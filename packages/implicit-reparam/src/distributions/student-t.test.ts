import { splitSeed } from '@proj/core';
import { gamma } from '@proj/core/distributions';
import { checkGradients, expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { gammaDrawDerivative, meanSd, perSampleGradient, REFERENCE } from '../../test/helpers.js';
import { studentT } from './student-t.js';

describeBackends('StudentT', () => {
  it('logProb and entropy match scipy; mean and variance follow ν', () => {
    for (const c of REFERENCE.studentT) {
      tf.tidy(() => {
        const d = studentT({ df: c.df, loc: c.loc, scale: c.scale });
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-5, atol: 2e-5 });
        expectClose(d.entropy(), c.entropy, { rtol: 1e-4, atol: 1e-5 });
      });
    }
    tf.tidy(() => {
      const d = studentT({ df: [0.5, 1.5, 4], loc: 1, scale: 2 });
      expectClose(d.mean(), [Number.NaN, 1, 1]);
      expectClose(d.variance(), [Number.NaN, Number.POSITIVE_INFINITY, 8]);
    });
  });

  it('cdf matches scipy, relatively also in both tails (by symmetry, 1 − F(x) = F(2μ − x)) and at the center', () => {
    for (const c of REFERENCE.studentT) {
      tf.tidy(() => {
        const d = studentT({ df: c.df, loc: c.loc, scale: c.scale });
        expectClose(d.cdf(c.x), c.cdf, { rtol: 1e-5, atol: 1e-30 });
        expectClose(d.cdf(c.x.map((v: number) => 2 * c.loc - v)), c.sf, { rtol: 1e-5, atol: 1e-30 });
      });
    }
    tf.tidy(() => {
      const d = studentT({ df: [1, 2], loc: 0, scale: 1 });
      // Cauchy: ½ + atan(x)/π; ν = 2: ½ + x/(2√(2 + x²)).
      const x = [
        [-1e-4, 3e-4],
        [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
        [Number.NaN, 40],
      ];
      expectClose(d.cdf(x), [
        [0.5 + Math.atan(-1e-4) / Math.PI, 0.5 + 3e-4 / (2 * Math.sqrt(2 + 9e-8))],
        [0, 1],
        [Number.NaN, 0.5 + 40 / (2 * Math.sqrt(2 + 1600))],
      ]);
    });
  });

  it('cdf is differentiable in x (the density, also at x = μ), μ, σ and ν', () => {
    const df = tf.tensor1d([0.7, 3, 30, 5]);
    const loc = tf.tensor1d([0, 1, -2, 0.5]);
    const scale = tf.tensor1d([1, 2, 0.5, 1.5]);
    // y = −3, 0.9 (y² < ν), 5.4 (y² ≈ ν), 1.
    const x = tf.tensor1d([-3, 2.8, 0.7, 2]);
    const cdf = (n?: tf.Tensor, m?: tf.Tensor, s?: tf.Tensor, u?: tf.Tensor) =>
      studentT({ df: n!, loc: m!, scale: s! }).cdf(u!);
    checkGradients(cdf, [df, loc, scale, x], { h: 1e-3 });
    tf.tidy(() => {
      const at = tf.concat([x, loc]);
      const both = studentT({ df: tf.concat([df, df]), loc: tf.concat([loc, loc]), scale: tf.concat([scale, scale]) });
      expectClose(tf.grad((u) => both.cdf(u))(at), both.prob(at));
      // At x = μ the cdf is ½ for every ν and σ: zero gradients there.
      const [dDf, dScale] = tf.grads((n: tf.Tensor, s: tf.Tensor) => studentT({ df: n, loc, scale: s }).cdf(loc))([
        df,
        scale,
      ]);
      expectClose(dDf!, [0, 0, 0, 0]);
      expectClose(dScale!, [0, 0, 0, 0]);
      both.dispose();
    });
    tf.dispose([df, loc, scale, x]);
  });

  it('per-sample ∂x/∂ν is σε·(1/(2ν) − (∂G/∂a)/(4G))/√(2G/ν) with ∂G/∂a from the inverse CDF', () => {
    const [df, n, seed] = [3, 6, 4];
    const [gammaSeed] = splitSeed(seed, 2) as [number, number];
    const g = tf.tidy(() =>
      tf.exp(gamma({ concentration: tf.fill([n], df / 2), rate: 1 }).logSample([], gammaSeed)).dataSync(),
    );
    const x = tf.tidy(() =>
      studentT({ df: tf.fill([n], df), loc: 0, scale: 1.5 })
        .sample([], seed)
        .dataSync(),
    );
    const grads = perSampleGradient(Array(n).fill(df), (t) => studentT({ df: t, loc: 0, scale: 1.5 }).sample([], seed));
    for (let i = 0; i < n; i++) {
      // x = σε·√(ν/(2G)): ∂x/∂ν = x·(1/(2ν) − (∂G/∂ν)/(2G)), ∂G/∂ν = ½·∂G/∂a at a = ν/2.
      const dG = 0.5 * gammaDrawDerivative(df / 2, g[i]!);
      expect(grads[i]).toBeCloseTo(x[i]! * (1 / (2 * df) - dG / (2 * g[i]!)), 3);
    }
  });

  it('E[∂|x|/∂σ] and E[∂x²/∂ν] match the derivatives of E|x| and E[x²] = σ²ν/(ν − 2)', () => {
    const [df, scale, n] = [6, 1.5, 20000];
    const dDf = perSampleGradient(
      Array(n).fill(df),
      (t) => studentT({ df: t, loc: 0, scale }).sample([], 8),
      tf.square,
    );
    // ∂/∂ν σ²ν/(ν − 2) = −2σ²/(ν − 2)².
    expectMeanWithin(dDf, (-2 * scale ** 2) / (df - 2) ** 2, meanSd(dDf).sd, 5);
    const x = tf.tidy(() => studentT({ df, loc: 0.5, scale }).sample([n], 9).dataSync());
    expectMeanWithin(x, 0.5, Math.sqrt((scale ** 2 * df) / (df - 2)), 5);
  });

  it('is finite for df from 0.5 to 1e4; leaks nothing, also in cdf gradients; rejects bad parameters', async () => {
    for (const df of [0.5, 1e4]) {
      const grads = perSampleGradient(Array(100).fill(df), (t) => studentT({ df: t, loc: 0, scale: 1 }).sample([], 3));
      expect(Array.from(grads).every(Number.isFinite)).toBe(true);
    }
    const [df, loc, scale] = [tf.scalar(3), tf.scalar(0), tf.scalar(1)];
    await expectNoLeaks(() => tf.grad((t) => tf.sum(studentT({ df: t, loc, scale }).sample([4], 1)))(df));
    await expectNoLeaks(() => {
      expect(() => studentT({ df: 0, loc, scale })).toThrow(/StudentT: parameter 'df' must be positive/);
      const d = studentT({ df, loc, scale });
      expect(() => d.cdf('x' as never)).toThrow(/StudentT.cdf: argument 'x'/);
    });
    await expectNoLeaks(() => tf.grad((t) => tf.sum(studentT({ df: t, loc, scale }).cdf([-4, 0, 0.5, 9])))(df));
    tf.dispose([df, loc, scale]);
  });
});
