import { assertSeed, randomExponential, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertShape } from '../internal/validate.js';

/**
 * Draws from the standard Rayleigh distribution, density w·e^(−w²/2) on w > 0 (Weibull with concentration 2
 * and scale √2; the survey's W(2, ½) in rate form): the weak derivative of a normal mean. Mean √(π/2),
 * E[W²] = 2, E[W⁴] = 8. By inversion, w = √(−2 log(1 − u)) = √2·E^(1/2) with E standard exponential (the
 * draws of `weibull({concentration: 2, scale: √2})` with the same seed).
 *
 * @param shape the output shape: non-negative integers, fewer than 2^31 elements.
 * @returns float32 tensor of `shape`.
 * @throws Error naming `sampleRayleigh` for a bad shape or seed.
 * @category Samplers
 */
export function sampleRayleigh(shape: readonly number[], seed: Seed): tf.Tensor {
  const fn = 'sampleRayleigh';
  assertShape(shape, fn);
  assertSeed(seed, fn);
  return tf.tidy(() => tf.mul(Math.SQRT2, tf.pow(randomExponential(shape, seed), 0.5)));
}
