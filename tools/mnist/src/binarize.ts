import { checkSeed, mulberry32 } from './prng.js';

/** The threshold of {@link binarize}. */
export const BINARIZE_THRESHOLD = 0.5;

/**
 * Fixed binarization: 1 where a gray level is > 0.5, else 0 (a new array of the same length). O(length).
 * @throws Error naming `binarize` for a value outside [0, 1] or NaN.
 */
export function binarize(images: Float32Array): Float32Array {
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) {
    const p = images[i]!;
    if (!(p >= 0 && p <= 1)) throw new Error(`binarize: argument 'images' holds ${p} at ${i}, outside [0, 1]`);
    out[i] = p > BINARIZE_THRESHOLD ? 1 : 0;
  }
  return out;
}

/**
 * Stochastic (dynamic) binarization: each pixel an independent Bernoulli(gray level), drawn as u < p with u from
 * {@link mulberry32} seeded by `seed`, so the same seed gives the same digits (Salakhutdinov and Murray 2008).
 * A new array of the same length. O(length).
 * @throws Error naming `binarizeStochastic` for a value outside [0, 1] or NaN, or a bad seed.
 */
export function binarizeStochastic(images: Float32Array, seed: number): Float32Array {
  const next = mulberry32(checkSeed('binarizeStochastic', seed));
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) {
    const p = images[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new Error(`binarizeStochastic: argument 'images' holds ${p} at ${i}, outside [0, 1]`);
    }
    out[i] = next() < p ? 1 : 0;
  }
  return out;
}
