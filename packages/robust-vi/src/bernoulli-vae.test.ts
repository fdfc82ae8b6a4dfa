import { randomNormal } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { denseVae, mlp64 } from '../test/dense-vae.js';
import { BernoulliVae, vaeVariables } from './bernoulli-vae.js';
import { createBernoulliVae } from './create-bernoulli-vae.js';
import { samplePrior } from './sample-prior.js';

const shapes = (variables: readonly tf.Variable[]) => variables.map((v) => v.shape);

describeBackends('BernoulliVae', () => {
  it('lays out encoder input → hidden → [μ | log σ] and decoder latent → reversed hidden → logits', async () => {
    const vae = createBernoulliVae({ inputDim: 7, latentDim: 3, hidden: [5, 4], seed: 0 });
    expect(vae.options).toEqual({ inputDim: 7, latentDim: 3, hidden: [5, 4], activation: 'tanh', seed: 0 });
    expect(shapes(vae.encoder)).toEqual([[7, 5], [5], [5, 4], [4], [4, 6], [6]]);
    expect(shapes(vae.decoder)).toEqual([[3, 4], [4], [4, 5], [5], [5, 7], [7]]);
    expect(vaeVariables(vae)).toEqual([...vae.encoder, ...vae.decoder]);
    expect(vaeVariables(vae).every((v) => v.trainable)).toBe(true);
    for (const bias of vaeVariables(vae).filter((v) => v.rank === 1)) expectClose(bias, 0);
    const linear = createBernoulliVae({ inputDim: 2, latentDim: 1, hidden: [], seed: 0 });
    await expectNoLeaks(() =>
      createBernoulliVae({ inputDim: 4, latentDim: 2, hidden: [3], activation: 'relu', seed: 1 }),
    );
    expect(shapes(linear.encoder)).toEqual([[2, 2], [2]]);
    vae.dispose();
    linear.dispose();
  });

  it('initializes deterministically: Glorot-uniform for tanh/softplus, He-normal for relu', () => {
    const values = (activation: 'tanh' | 'relu', seed: number) =>
      tf.tidy(() => {
        const vae = createBernoulliVae({ inputDim: 784, latentDim: 50, hidden: [200], activation, seed });
        const w = Array.from(vae.encoder[0]!.dataSync());
        vae.dispose();
        return w;
      });
    const glorot = values('tanh', 3);
    expect(glorot).toEqual(values('tanh', 3));
    expect(glorot).not.toEqual(values('tanh', 4));
    const limit = Math.sqrt(6 / (784 + 200));
    const largest = glorot.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeLessThanOrEqual(limit);
    expect(largest).toBeGreaterThan(0.99 * limit);
    const he = values('relu', 3);
    const sd = Math.sqrt(he.reduce((s, v) => s + v * v, 0) / he.length);
    // 156800 draws: the sample sd is within 5·(1/√(2n)) ≈ 0.9% of √(2/784).
    expect(Math.abs(sd / Math.sqrt(2 / 784) - 1)).toBeLessThan(0.009);
  });

  it('rejects bad options naming createBernoulliVae and the option, creating no tensor', () => {
    const base = { inputDim: 4, latentDim: 2, hidden: [3], seed: 0 };
    const before = tf.memory().numTensors;
    const make = (options: object) => () => createBernoulliVae({ ...base, ...options } as never);
    expect(make({ inputDim: 0 })).toThrow(/createBernoulliVae: option 'inputDim' must be an integer/);
    expect(make({ latentDim: 1.5 })).toThrow(/createBernoulliVae: option 'latentDim'/);
    expect(make({ hidden: [3, -1] })).toThrow(/createBernoulliVae: option 'hidden' must be an array of integers ≥ 1/);
    expect(make({ hidden: [2 ** 30, 4] })).toThrow(/createBernoulliVae: .*more than the 2147483647 elements/);
    expect(make({ activation: 'sigmoid' })).toThrow(
      /createBernoulliVae: option 'activation' must be one of tanh, relu, softplus/,
    );
    expect(make({ seed: -1 })).toThrow(/createBernoulliVae: option 'seed' must be an integer in \[0, 4294967295\]/);
    expect(make({ latent: 2 })).toThrow(/createBernoulliVae: unknown option 'latent'/);
    expect(() => createBernoulliVae(undefined as never)).toThrow(
      /createBernoulliVae: argument 'options' must be an object/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('wraps given variables, checks their shapes, and frees them once', () => {
    const vae = createBernoulliVae({ inputDim: 3, latentDim: 1, hidden: [2], seed: 1 });
    const wrapped = new BernoulliVae(vae.options, vae.encoder, vae.decoder);
    expect(wrapped.encoder).toEqual(vae.encoder);
    expect(() => new BernoulliVae(vae.options, vae.decoder, vae.encoder)).toThrow(/BernoulliVae: argument 'encoder'/);
    expect(() => new BernoulliVae({ ...vae.options, hidden: [3] }, vae.encoder, vae.decoder)).toThrow(
      /BernoulliVae: argument 'encoder' must be 4 live float32 variables of shapes \[3,3\] \[3\] \[3,2\] \[2\]/,
    );
    const before = tf.memory().numTensors;
    wrapped.dispose();
    expect(tf.memory().numTensors).toBe(before - 8);
    wrapped.dispose();
    vae.dispose();
    expect(tf.memory().numTensors).toBe(before - 8);
    expect(() => samplePrior(vae, 1, 0)).toThrow(/samplePrior: argument 'vae' has been disposed/);
  });
});

describeBackends('samplePrior', () => {
  it('returns the decoder means sigmoid(ℓ(z)) of z ~ N(0, I), deterministic for a seed', async () => {
    const vae = createBernoulliVae({ inputDim: 5, latentDim: 2, hidden: [4], activation: 'softplus', seed: 6 });
    const dense = denseVae(vae);
    const images = samplePrior(vae, 3, 9);
    expect(images.shape).toEqual([3, 5]);
    // The latents are randomNormal([count, d], seed) (how the function draws; redrawn here).
    const z = tf.tidy(() => randomNormal([3, 2], 9).arraySync() as number[][]);
    const expected = z.map((row) => mlp64(dense.decoder, 'softplus', row).map((l) => 1 / (1 + Math.exp(-l))));
    expectClose(images, expected, { rtol: 1e-5, atol: 1e-6 });
    expect(Array.from(samplePrior(vae, 3, 9).dataSync())).toEqual(Array.from(images.dataSync()));
    expect(samplePrior(vae, 0, 1).shape).toEqual([0, 5]);
    await expectNoLeaks(() => samplePrior(vae, 2, 1));
    tf.dispose(images);
    vae.dispose();
  });
});
