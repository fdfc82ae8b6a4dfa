import type { Seed } from '@proj/core';
import { weibull } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Draws from the standard Rayleigh distribution, density w·e^(−w²/2) on w > 0 (Weibull with concentration 2
 * and scale √2; the survey's W(2, ½) in rate form): the weak derivative of a normal mean. Mean √(π/2),
 * E[W²] = 2, E[W⁴] = 8. By inversion, w = √(−2 log(1 − u)).
 *
 * @param shape the output shape.
 * @returns float32 tensor of `shape`.
 * @category Samplers
 */
export function sampleRayleigh(shape: readonly number[], seed: Seed): tf.Tensor {
  return tf.tidy(() => weibull({ concentration: 2, scale: Math.SQRT2 }).sample(shape, seed));
}
