import * as tf from '@tensorflow/tfjs-core';
import { assertSeed, MAX_SEED, type Seed } from './seed.js';

/**
 * The number to hand to a tfjs random op for `seed`. tfjs treats a seed of 0 as "no seed" in `randomNormal`,
 * `truncatedNormal`, `randomGamma` and `multinomial` (`seed || Math.random()`), so 0 would silently draw
 * unreproducible numbers; it maps to 2^32, which no valid {@link Seed} equals. Every other seed is passed
 * through unchanged.
 *
 * @throws Error naming `fn` when `seed` is not a valid {@link Seed}.
 */
export function toTfjsSeed(seed: Seed, fn = 'toTfjsSeed'): number {
  assertSeed(seed, fn);
  return seed === 0 ? MAX_SEED + 1 : seed;
}

/** Options of {@link randomNormal}. */
export interface RandomNormalOptions {
  readonly mean?: number;
  readonly stddev?: number;
}

/**
 * Normal draws N(mean, stddev²) of the given shape, float32, reproducible from `seed` on every backend (the
 * same seed gives bit-identical tensors). tfjs's `randomNormal` with `seed` 0 is unseeded; this is not.
 */
export function randomNormal(shape: readonly number[], seed: Seed, options: RandomNormalOptions = {}): tf.Tensor {
  return tf.randomNormal(
    [...shape],
    options.mean ?? 0,
    options.stddev ?? 1,
    'float32',
    toTfjsSeed(seed, 'randomNormal'),
  );
}

/** Options of {@link randomUniform}. */
export interface RandomUniformOptions {
  /** Lower bound, included; default 0. */
  readonly min?: number;
  /** Upper bound, excluded; default 1. */
  readonly max?: number;
}

/** Uniform draws in [min, max) of the given shape, float32, reproducible from `seed` on every backend. */
export function randomUniform(shape: readonly number[], seed: Seed, options: RandomUniformOptions = {}): tf.Tensor {
  return tf.randomUniform([...shape], options.min ?? 0, options.max ?? 1, 'float32', toTfjsSeed(seed, 'randomUniform'));
}

/** Smallest normal float32: a lower bound that keeps log(u) finite. */
const TINY = 2 ** -126;
/** Largest float32 below 1: an upper bound that keeps log(1 − u) finite. */
export const BELOW_ONE = 1 - 2 ** -24;

/**
 * Standard exponential draws Exp(1) = −log u of the given shape, float32, reproducible from `seed`; always
 * finite and positive. (tfjs draws uniforms in float64 and rounds them to float32, which can give exactly 1
 * or 0; u is kept in [2^−126, 1 − 2^−24].)
 */
export function randomExponential(shape: readonly number[], seed: Seed): tf.Tensor {
  return tf.tidy(() =>
    tf.neg(tf.log(tf.randomUniform([...shape], TINY, BELOW_ONE, 'float32', toTfjsSeed(seed, 'randomExponential')))),
  );
}
