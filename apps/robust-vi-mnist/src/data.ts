import type { Seed } from '@proj/core';
import { binarizeStochastic, IMAGE_SIZE } from '@proj/mnist';

/**
 * The mean gray level of `images` (all pixels of all digits): the intensity of every pixel of a noise object.
 * O(length).
 */
export function meanIntensity(images: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < images.length; i++) sum += images[i]!;
  return sum / images.length;
}

/**
 * One epoch's training objects: the clean gray digits `clean` [n, 784] followed by `noise` constant images whose
 * every pixel is `intensity`, all binarized afresh (each pixel Bernoulli(gray level), @proj/mnist's
 * `binarizeStochastic` seeded by `seed`): [n + noise, 784] row-major, clean rows first. A constant image binarized
 * once would be one repeated vector; binarized per epoch each noise object is a new Bernoulli(intensity) image.
 * O((n + noise) · 784).
 *
 * @throws Error naming `trainingObjects` for a negative or fractional `noise` or an intensity outside [0, 1].
 */
export function trainingObjects(clean: Float32Array, noise: number, intensity: number, seed: Seed): Float32Array {
  if (!Number.isInteger(noise) || noise < 0) {
    throw new Error(`trainingObjects: argument 'noise' must be a non-negative integer, got ${noise}`);
  }
  if (!(intensity >= 0 && intensity <= 1)) {
    throw new Error(`trainingObjects: argument 'intensity' must lie in [0, 1], got ${intensity}`);
  }
  const gray = new Float32Array(clean.length + noise * IMAGE_SIZE);
  gray.set(clean);
  gray.fill(intensity, clean.length);
  return binarizeStochastic(gray, seed);
}
