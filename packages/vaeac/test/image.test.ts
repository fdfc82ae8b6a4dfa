import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { imageLogLikelihood } from '../src/image/image-log-likelihood.js';
import { fitImages, halfImageMask, inpaint, loadImageVaeac, saveImageVaeac } from '../src/index.js';

const H = 6;
const W = 6;

/** 64 images: a bright top half or a bright left half (and a little texture). */
function syntheticImages(): Float32Array {
  const images = new Float32Array(64 * H * W);
  for (let i = 0; i < 64; i++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const bright = i % 2 === 0 ? y < H / 2 : x < W / 2;
        images[i * H * W + y * W + x] = bright ? 0.9 - 0.01 * (i % 5) : 0.1;
      }
    }
  }
  return images;
}

describeBackends('image VAEAC', () => {
  it('image likelihoods: Gaussian with σ = max(softplus(s), 1e-2) and Bernoulli soft cross-entropy, masked', () => {
    tf.tidy(() => {
      const x = tf.tensor2d([[0.2, 0.9]]);
      const mask = tf.tensor2d([[1, 0]]);
      const gaussian = imageLogLikelihood('gaussian', 2)(tf.tensor2d([[0.5, 0, 0.3, -20]]), x, mask);
      const sigma = Math.log1p(Math.exp(0.3));
      expectClose(gaussian, [-((0.2 - 0.5) ** 2) / (2 * sigma ** 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI)]);
      const bernoulli = imageLogLikelihood('bernoulli', 2)(tf.tensor2d([[1.5, 7]]), x, mask);
      const p = 1 / (1 + Math.exp(-1.5));
      expectClose(bernoulli, [0.2 * Math.log(p) + 0.8 * Math.log(1 - p)]);
    });
  });

  it('fitImages trains (loss goes down), inpaint keeps observed pixels exactly, is seeded, leaks nothing', async () => {
    const images = syntheticImages();
    const before = tf.memory().numTensors;
    const options = { height: H, width: W, epochs: 8, seed: 1, hidden: 32, latentDim: 4, depth: 1, batchSize: 16 };
    const { model, history } = await fitImages(images, options);
    expect(history).toHaveLength(8);
    expect((history.at(-1)?.trainLoss ?? 0) < (history[0]?.trainLoss ?? 0)).toBe(true);
    const masks = halfImageMask(64, H, W, 2);
    const holed = images.map((v, i) => (masks[i] === 1 ? Number.NaN : v));
    const samples = inpaint(model, holed, masks, { numSamples: 2, seed: 3 });
    expect(samples).toHaveLength(2);
    for (const s of samples) {
      s.forEach((v, i) => {
        if (masks[i] === 0) expect(v).toBe(images[i]);
        else expect(v >= 0 && v <= 1).toBe(true);
      });
    }
    expect(inpaint(model, holed, masks, { numSamples: 2, seed: 3 })).toEqual(samples);
    const restored = loadImageVaeac(JSON.parse(JSON.stringify(saveImageVaeac(model))));
    expect(inpaint(restored, holed, masks, { numSamples: 2, seed: 3 })).toEqual(samples);
    restored.dispose();
    model.dispose();
    const bernoulli = await fitImages(images, { ...options, epochs: 2, likelihood: 'bernoulli' });
    expect(bernoulli.history.every((h) => Number.isFinite(h.trainLoss))).toBe(true);
    expect(inpaint(bernoulli.model, images, masks, { numSamples: 1, seed: 4 })[0]).toHaveLength(images.length);
    bernoulli.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the convolutional variant trains on odd sizes (5×7) and keeps observed pixels exactly', async () => {
    const [h, w] = [5, 7];
    const images = Float32Array.from({ length: 16 * h * w }, (_, i) => ((i * 7919) % 13) / 12);
    const before = tf.memory().numTensors;
    const { model, history } = await fitImages(images, {
      height: h,
      width: w,
      epochs: 3,
      seed: 5,
      network: 'conv',
      hidden: 4,
      latentDim: 3,
      batchSize: 8,
    });
    expect(model.networks.kind).toBe('conv');
    expect(history.every((e) => Number.isFinite(e.trainLoss))).toBe(true);
    const masks = halfImageMask(16, h, w, 6);
    const [filled] = inpaint(model, images, masks, { numSamples: 1, seed: 7 });
    filled?.forEach((v, i) => {
      if (masks[i] === 0) expect(v).toBe(images[i]);
      else expect(v >= 0 && v <= 1).toBe(true);
    });
    const restored = loadImageVaeac(JSON.parse(JSON.stringify(saveImageVaeac(model))));
    expect(inpaint(restored, images, masks, { numSamples: 1, seed: 7 })).toEqual([filled]);
    restored.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
