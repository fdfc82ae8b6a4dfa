import { foldIn } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { denseVae, logLikelihood64, logPrior64 } from '../test/dense-vae.js';
import { logMeanExp64 } from '../test/helpers.js';
import { createBernoulliVae } from './create-bernoulli-vae.js';
import { importanceLogLikelihood } from './importance-log-likelihood.js';
import { vaeLogWeights } from './vae-log-weights.js';

const X = [
  [1, 0, 1, 1],
  [0, 0, 0, 1],
  [1, 1, 1, 1],
  [0, 1, 0, 0],
  [0, 0, 0, 0],
];

/** log ∫ p(z) p(x | z) dz in float64 by the trapezoidal rule on [−10, 10]^d (d = 1 or 2). */
function quadratureLogEvidence(vae: ReturnType<typeof denseVae>, x: number[]): number {
  const d = vae.latentDim;
  const n = d === 1 ? 4001 : 401;
  const h = 20 / (n - 1);
  const nodes = Array.from({ length: n }, (_, i) => -10 + i * h);
  const weight = (i: number) => (i === 0 || i === n - 1 ? 0.5 : 1);
  const terms: number[] = [];
  if (d === 1)
    nodes.forEach((z, i) => {
      terms.push(Math.log(weight(i) * h) + logPrior64([z]) + logLikelihood64(vae, x, [z]));
    });
  else {
    nodes.forEach((z1, i) => {
      nodes.forEach((z2, j) => {
        const z = [z1, z2];
        terms.push(Math.log(weight(i) * weight(j) * h * h) + logPrior64(z) + logLikelihood64(vae, x, z));
      });
    });
  }
  return logMeanExp64(terms) + Math.log(terms.length);
}

describeBackends('importanceLogLikelihood', () => {
  for (const latentDim of [1, 2]) {
    it(`matches log p(x) by quadrature over z on a tiny VAE (latentDim ${latentDim})`, () => {
      const vae = createBernoulliVae({ inputDim: 4, latentDim, hidden: [3], activation: 'tanh', seed: 8 });
      // The proposal q(z | x) = N(0, 1.2² I) for every x, wider than the prior: the weights p(z)p(x | z)/q(z) are
      // then bounded (an untrained encoder can give heavy-tailed weights, whose estimate converges slowly).
      const [weights, bias] = vae.encoder.slice(-2) as [tf.Variable, tf.Variable];
      tf.tidy(() => {
        weights.assign(tf.zerosLike(weights));
        bias.assign(tf.concat([tf.zeros([latentDim]), tf.fill([latentDim], Math.log(1.2))]));
      });
      const dense = denseVae(vae);
      const x = tf.tensor2d(X);
      const ll = importanceLogLikelihood(vae, x, { samples: 4000, seed: 5 }).dataSync();
      const exact = X.map((row) => quadratureLogEvidence(dense, row));
      // The same draws (one chunk, seeded foldIn(seed, 0)) give the estimate's standard error in log space,
      // sd(w)/(√K·mean(w)); the estimate must be within 5 of them (plus float32 rounding) of the quadrature.
      const { logJoint, logQ } = vaeLogWeights(vae, x, { samples: 4000, seed: foldIn(5, 0) });
      const logW = tf.transpose(tf.sub(logJoint, logQ)).arraySync() as number[][];
      logW.forEach((row, b) => {
        const top = Math.max(...row);
        const w = row.map((v) => Math.exp(v - top));
        const mean = w.reduce((s, v) => s + v, 0) / w.length;
        const sd = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / (w.length - 1));
        const se = sd / mean / Math.sqrt(w.length);
        expect(Math.abs(ll[b]! - exact[b]!)).toBeLessThan(5 * se + 1e-4);
        expect(se).toBeLessThan(0.02); // a proposal good enough for the check to mean something
        // The ELBO of the same draws lies well below: the estimate is not a mean of log weights.
        expect(row.reduce((s, v) => s + v, 0) / row.length).toBeLessThan(exact[b]! - 10 * se);
      });
      tf.dispose([x, logJoint, logQ]);
      vae.dispose();
    });
  }

  it('is deterministic for a seed, and chunk c is the log mean weight of draws from foldIn(seed, c)', async () => {
    const vae = createBernoulliVae({ inputDim: 4, latentDim: 2, hidden: [3], seed: 2 });
    const x = tf.tensor2d(X);
    const options = { samples: 7, seed: 11, batchSize: 2 };
    const first = importanceLogLikelihood(vae, x, options);
    const second = importanceLogLikelihood(vae, x, options);
    expect(first.shape).toEqual([5]);
    expect(Array.from(first.dataSync())).toEqual(Array.from(second.dataSync()));
    const chunks = [0, 1, 2].map((c) =>
      tf.tidy(() => {
        const part = tf.slice(x, [2 * c, 0], [Math.min(2, 5 - 2 * c), 4]);
        const { logJoint, logQ } = vaeLogWeights(vae, part, { samples: 7, seed: foldIn(11, c) });
        const logW = tf.sub(logJoint, logQ).arraySync() as number[][];
        return logW[0]!.map((_, b) => logMeanExp64(logW.map((row) => row[b]!)));
      }),
    );
    expectClose(first, chunks.flat(), { rtol: 1e-5, atol: 1e-5 });
    await expectNoLeaks(() => importanceLogLikelihood(vae, x, options));
    await expectNoLeaks(() => importanceLogLikelihood(vae, x, { samples: 3, seed: 0 }));
    const empty = importanceLogLikelihood(vae, tf.zeros([0, 4]) as tf.Tensor2D, { samples: 3, seed: 0 });
    expect(empty.shape).toEqual([0]);
    const before = tf.memory().numTensors;
    expect(() => importanceLogLikelihood(vae, x, { samples: 3, seed: 0, batchSize: 0 })).toThrow(
      /importanceLogLikelihood: option 'batchSize'/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([first, second, empty, x]);
    vae.dispose();
  });
});
