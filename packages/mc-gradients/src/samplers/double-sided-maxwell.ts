import { assertSeed, randomNormal, randomUniform, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertShape } from '../internal/validate.js';

/**
 * Draws from the standard double-sided Maxwell distribution, density m²·φ(m) on ℝ (φ the standard normal
 * density): the positive part of the weak derivative of a normal scale. Drawn as a random sign times the norm
 * of three independent standard normals (a chi variate with 3 degrees of freedom). Mean 0, E[M²] = 3,
 * E[M⁴] = 15, E|M| = 2√(2/π). For a uniform U independent of M, M·U is standard normal, which couples the
 * two parts of the normal-scale weak derivative.
 *
 * @param shape the output shape: non-negative integers, fewer than 2^31 / 3 elements (three normals each).
 * @returns float32 tensor of `shape`.
 * @throws Error naming `sampleDoubleSidedMaxwell` for a bad shape or seed.
 * @category Samplers
 */
export function sampleDoubleSidedMaxwell(shape: readonly number[], seed: Seed): tf.Tensor {
  const fn = 'sampleDoubleSidedMaxwell';
  assertShape(shape, fn, 3);
  assertSeed(seed, fn);
  const [normalSeed, signSeed] = splitSeed(seed, 2) as [Seed, Seed];
  return tf.tidy(() => {
    const radius = tf.sqrt(tf.sum(tf.square(randomNormal([...shape, 3], normalSeed)), -1));
    const sign = tf.sign(tf.sub(randomUniform(shape, signSeed), 0.5));
    return tf.mul(tf.where(tf.equal(sign, 0), tf.onesLike(sign), sign), radius);
  });
}
