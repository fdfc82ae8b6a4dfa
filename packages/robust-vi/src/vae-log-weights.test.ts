import { randomNormal } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { denseVae, logWeight64 } from '../test/dense-vae.js';
import { createBernoulliVae } from './create-bernoulli-vae.js';
import { vaeLogWeights } from './vae-log-weights.js';

const X = [
  [1, 0, 1, 1, 0],
  [0, 0, 0, 1, 0],
  [1, 1, 1, 1, 1],
];

describeBackends('vaeLogWeights', () => {
  for (const activation of ['tanh', 'relu', 'softplus'] as const) {
    it(`matches a float64 dense computation of log p(x, z) and log q(z | x) (${activation})`, () => {
      const vae = createBernoulliVae({ inputDim: 5, latentDim: 2, hidden: [4, 3], activation, seed: 3 });
      const dense = denseVae(vae);
      const x = tf.tensor2d(X);
      const [samples, seed] = [4, 17];
      const { logJoint, logQ } = vaeLogWeights(vae, x, { samples, seed });
      expect(logJoint.shape).toEqual([samples, 3]);
      // The draws are z = μ + σ·ε with ε = randomNormal([S, B, d], seed) (how the function draws; redrawn here).
      const eps = tf.tidy(() => randomNormal([samples, 3, 2], seed).arraySync() as number[][][]);
      const expected = eps.map((row) => row.map((e, b) => logWeight64(dense, X[b]!, e)));
      expectClose(
        logJoint,
        expected.map((row) => row.map((w) => w.logJoint)),
        { rtol: 1e-5, atol: 1e-5 },
      );
      expectClose(
        logQ,
        expected.map((row) => row.map((w) => w.logQ)),
        { rtol: 1e-5, atol: 1e-5 },
      );
      tf.dispose([logJoint, logQ, x]);
      vae.dispose();
    });
  }

  it('is deterministic for a seed, differs across seeds, is differentiable and memory-neutral', async () => {
    const vae = createBernoulliVae({ inputDim: 5, latentDim: 2, hidden: [4], seed: 1 });
    const x = tf.tensor2d(X);
    const read = (seed: number) =>
      tf.tidy(() => {
        const { logJoint, logQ } = vaeLogWeights(vae, x, { samples: 3, seed });
        return Array.from(tf.sub(logJoint, logQ).dataSync());
      });
    expect(read(5)).toEqual(read(5));
    expect(read(5)).not.toEqual(read(6));
    await expectNoLeaks(() => vaeLogWeights(vae, x, { samples: 2, seed: 0 }));
    const { grads, value } = tf.variableGrads(() => {
      const { logJoint, logQ } = vaeLogWeights(vae, x, { samples: 2, seed: 0 });
      return tf.mean(tf.sub(logJoint, logQ)) as tf.Scalar;
    });
    expect(Object.keys(grads)).toHaveLength(vae.encoder.length + vae.decoder.length);
    tf.dispose([value, ...Object.values(grads)]);
    const before = tf.memory().numTensors;
    expect(() => vaeLogWeights(vae, x, { samples: 0, seed: 0 })).toThrow(/vaeLogWeights: option 'samples'/);
    expect(() => vaeLogWeights(vae, x, { samples: 2, seed: 0, k: 2 } as never)).toThrow(
      /vaeLogWeights: unknown option 'k'/,
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    vae.dispose();
  });
});
