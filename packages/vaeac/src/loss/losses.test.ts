import { randomNormal } from '@proj/core';
import { kl, normal } from '@proj/core/distributions';
import { expectClose, expectMeanWithin } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { diagGaussianKl } from './diag-gaussian-kl.js';
import { iwaeBound } from './iwae-bound.js';
import { diagNormalLogProb } from './normal-log-prob.js';
import { PRIOR_SIGMA_MU, PRIOR_SIGMA_SIGMA, priorRegularizer } from './prior-regularizer.js';

const MU_Q = [
  [0.3, -1.2, 2],
  [0, 0.5, -0.4],
];
const SIGMA_Q = [
  [0.5, 1.3, 0.2],
  [1, 2, 0.7],
];
const MU_P = [
  [-0.1, 0.4, 1.5],
  [0.2, 0.5, 0],
];
const SIGMA_P = [
  [1, 0.8, 0.4],
  [1, 1.5, 2.5],
];

describeBackends('VAEAC loss terms', () => {
  it('closed-form diagonal-Gaussian KL matches core’s Normal KL and a Monte Carlo estimate', () => {
    tf.tidy(() => {
      const [muQ, sigmaQ, muP, sigmaP] = [MU_Q, SIGMA_Q, MU_P, SIGMA_P].map((a) => tf.tensor2d(a)) as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const closed = diagGaussianKl(muQ, sigmaQ, muP, sigmaP);
      const reference = tf.sum(kl(normal({ loc: muQ, scale: sigmaQ }), normal({ loc: muP, scale: sigmaP })), -1);
      expectClose(closed, reference, { rtol: 1e-5, atol: 1e-6 });
      // Monte Carlo: E_q[log q(z) − log p(z)] over 200k draws z = μ_q + σ_q ε.
      const draws = 200_000;
      const z = tf.add(muQ, tf.mul(sigmaQ, randomNormal([draws, 2, 3], 7)));
      const logRatio = tf.sub(diagNormalLogProb(z, muQ, sigmaQ), diagNormalLogProb(z, muP, sigmaP)); // [draws, 2]
      // Within 5 standard errors (the per-draw sd estimated from the draws themselves).
      expectMeanWithin(logRatio, closed, tf.sqrt(tf.moments(logRatio, 0).variance));
    });
  });

  it('diagNormalLogProb is the sum of univariate Gaussian log-densities', () => {
    tf.tidy(() => {
      const x = tf.tensor2d([[0.1, -2, 0.7]]);
      const expected = [0.1, -2, 0.7].reduce((acc, v, j) => {
        const mu = MU_P[0]?.[j] as number;
        const s = SIGMA_P[0]?.[j] as number;
        return acc - ((v - mu) / s) ** 2 / 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
      }, 0);
      expectClose(diagNormalLogProb(x, tf.tensor2d([MU_P[0] as number[]]), tf.tensor2d([SIGMA_P[0] as number[]])), [
        expected,
      ]);
    });
  });

  it('the prior regularizer is −Σμ²/(2σ_μ²) + σ_σ Σ(log σ − σ)', () => {
    tf.tidy(() => {
      const expected = MU_P.map((row, i) =>
        row.reduce((acc, mu, j) => {
          const s = SIGMA_P[i]?.[j] as number;
          return acc - mu ** 2 / (2 * PRIOR_SIGMA_MU ** 2) + PRIOR_SIGMA_SIGMA * (Math.log(s) - s);
        }, 0),
      );
      expectClose(priorRegularizer(tf.tensor2d(MU_P), tf.tensor2d(SIGMA_P)), expected, { rtol: 1e-5, atol: 1e-10 });
    });
  });

  it('iwaeBound is log-mean-exp over the sample axis, stable for large weights', () => {
    tf.tidy(() => {
      const w = [
        [-1, 1000],
        [2, 1001],
        [0.5, 999],
      ];
      const expected = [0, 1].map((i) => {
        const column = w.map((row) => row[i] as number);
        const m = Math.max(...column);
        return m + Math.log(column.reduce((a, v) => a + Math.exp(v - m), 0) / column.length);
      });
      expectClose(iwaeBound(tf.tensor2d(w)), expected);
    });
  });
});
