import { assertOptions, assertSeed, foldIn, randomNormal } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { disposeBatch } from '../batch.js';
import { assertInteger, assertObject, shown } from '../internal/validate.js';
import { disposePrior, keptPrior, netGenerative } from '../nn/vaeac-nets.js';
import { assertImages } from './fit-images.js';
import { encodeImages } from './image-batch.js';
import { imageMean } from './image-log-likelihood.js';
import { assertImageVaeac, type ImageVaeac } from './image-vaeac.js';

/** Images per forward pass of {@link inpaint}. */
const CHUNK = 256;

/**
 * `numSamples` completions of `images` (Float32Array N·H·W) under `masks` (same length, 1 = unobserved): z is
 * drawn from the PRIOR p_ψ(z | x_o, b) and the generative distribution's mean (Gaussian μ clipped to [0, 1],
 * Bernoulli probability) fills the masked pixels; observed pixels are copied exactly. Pixels under the mask may
 * be NaN. Returns [numSamples] arrays of N·H·W. O(K·N·(depth·hidden² + H·W·hidden)).
 *
 * @throws Error naming `inpaint` and the argument for a disposed model, images or masks of the wrong length,
 *   mask values other than 0/1, observed pixels that are not finite, or bad options.
 */
export function inpaint(
  model: ImageVaeac,
  images: Float32Array,
  masks: Float32Array,
  options: { numSamples: number; seed: number },
): Float32Array[] {
  const fn = 'inpaint';
  assertImageVaeac(model, fn);
  const pixels = model.height * model.width;
  const n = assertImages(images, pixels, fn, 'images');
  if (!(masks instanceof Float32Array) || masks.length !== images.length) {
    throw new Error(
      `${fn}: argument 'masks' must be a Float32Array of the images' length ${images.length}, got ${shown(masks)}${masks instanceof Float32Array ? ` of length ${masks.length}` : ''}`,
    );
  }
  const badMask = masks.findIndex((v) => v !== 0 && v !== 1);
  if (badMask >= 0)
    throw new Error(`${fn}: argument 'masks' must hold 0 or 1, got ${masks[badMask]} at index ${badMask}`);
  const badPixel = images.findIndex((v, i) => masks[i] === 0 && !Number.isFinite(v));
  if (badPixel >= 0) {
    throw new Error(
      `${fn}: argument 'images' must be finite at observed pixels, got ${images[badPixel]} at index ${badPixel}`,
    );
  }
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['numSamples', 'seed']);
  const numSamples = assertInteger(o.numSamples, fn, 'options.numSamples', 1, 10_000);
  const seed = assertSeed(o.seed, fn, 'options.seed');
  const results = Array.from({ length: numSamples }, () => Float32Array.from(images));
  for (let start = 0; start < n; start += CHUNK) {
    const indices = Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    const batch = encodeImages(images, masks, indices, pixels);
    const prior = keptPrior(model.networks, batch.priorInput);
    try {
      for (let k = 0; k < numSamples; k++) {
        const mean = tf.tidy(() => {
          const eps = randomNormal(prior.mu.shape, foldIn(foldIn(seed, start), k));
          const z = tf.add(prior.mu, tf.mul(prior.sigma, eps)) as tf.Tensor2D;
          return tf.clipByValue(imageMean(model.likelihood, netGenerative(model.networks, z, prior), pixels), 0, 1);
        });
        const values = mean.dataSync();
        mean.dispose();
        const out = results[k] as Float32Array;
        const offset = start * pixels;
        for (let p = 0; p < values.length; p++) {
          if (masks[offset + p] === 1) out[offset + p] = values[p] as number;
        }
      }
    } finally {
      disposePrior(prior);
      disposeBatch(batch);
    }
  }
  return results;
}
