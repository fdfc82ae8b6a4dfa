import * as tf from '@tensorflow/tfjs-core';
import { assertFinite, assertShape, assertString } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';
import { assertSeed, MAX_SEED, type Seed } from './seed.js';

/**
 * The number to hand to a tfjs random op for `seed`. tfjs treats a seed of 0 as "no seed" in `randomNormal`,
 * `truncatedNormal`, `randomGamma` and `multinomial` (`seed || Math.random()`), so 0 would silently draw
 * unreproducible numbers; it maps to 2^32, which no valid {@link Seed} equals. Every other seed is passed
 * through unchanged.
 *
 * @param fn the public function that received the seed, for errors; default `toTfjsSeed`.
 * @throws Error naming `fn` when `seed` is not a valid {@link Seed} (naming `toTfjsSeed` when `fn` is not a
 *   non-empty string).
 */
export function toTfjsSeed(seed: Seed, fn = 'toTfjsSeed'): number {
  assertString('toTfjsSeed', 'fn', fn);
  assertSeed(seed, fn);
  return seed === 0 ? MAX_SEED + 1 : seed;
}

/** Options of {@link randomNormal}. */
export interface RandomNormalOptions {
  /** Mean, a finite number; default 0. */
  readonly mean?: number;
  /** Standard deviation, a finite number ≥ 0; default 1. */
  readonly stddev?: number;
}

/**
 * Normal draws N(mean, stddev²) of the given shape, float32, reproducible from `seed` on every backend (the
 * same seed gives bit-identical tensors). tfjs's `randomNormal` with `seed` 0 is unseeded; this is not.
 *
 * @param shape non-negative integers, at most 2³¹ − 1 elements in all.
 * @param seed a {@link Seed}.
 * @param options `mean` (finite, default 0), `stddev` (finite, ≥ 0, default 1).
 * @throws Error naming `randomNormal` and the argument for a bad shape (`[2, -2]`, too many elements), seed,
 *   option value or unknown option key.
 *
 * Complexity: O(size), one upload.
 */
export function randomNormal(shape: readonly number[], seed: Seed, options: RandomNormalOptions = {}): tf.Tensor {
  const fn = 'randomNormal';
  const dims = assertShape(fn, 'shape', shape);
  const tfjsSeed = toTfjsSeed(seed, fn);
  assertOptions(fn, options, ['mean', 'stddev']);
  const { mean = 0, stddev = 1 } = options;
  assertFinite(fn, 'options.mean', mean);
  assertFinite(fn, 'options.stddev', stddev, { min: 0 });
  return tf.randomNormal(dims, mean, stddev, 'float32', tfjsSeed);
}

/** Options of {@link randomUniform}. */
export interface RandomUniformOptions {
  /** Lower bound, included, finite; default 0. */
  readonly min?: number;
  /** Upper bound, excluded, finite and above `min`; default 1. */
  readonly max?: number;
}

/**
 * Uniform draws in [min, max) of the given shape, float32, reproducible from `seed` on every backend.
 *
 * @param shape non-negative integers, at most 2³¹ − 1 elements in all.
 * @param seed a {@link Seed}.
 * @param options `min` (finite, default 0) and `max` (finite, above `min`, default 1).
 * @throws Error naming `randomUniform` and the argument for a bad shape, seed, option value (`min ≥ max`
 *   included) or unknown option key.
 *
 * Complexity: O(size), one upload.
 */
export function randomUniform(shape: readonly number[], seed: Seed, options: RandomUniformOptions = {}): tf.Tensor {
  const fn = 'randomUniform';
  const dims = assertShape(fn, 'shape', shape);
  const tfjsSeed = toTfjsSeed(seed, fn);
  assertOptions(fn, options, ['min', 'max']);
  const { min = 0, max = 1 } = options;
  assertFinite(fn, 'options.min', min);
  assertFinite(fn, 'options.max', max);
  if (!(min < max)) throw new Error(`${fn}: option 'min' must be below option 'max', got min ${min}, max ${max}`);
  return tf.randomUniform(dims, min, max, 'float32', tfjsSeed);
}

/** Smallest normal float32: a lower bound that keeps log(u) finite. */
const TINY = 2 ** -126;
/** Largest float32 below 1: an upper bound that keeps log(1 − u) finite. */
export const BELOW_ONE = 1 - 2 ** -24;

/**
 * Standard exponential draws Exp(1) = −log u of the given shape, float32, reproducible from `seed`; always
 * finite and positive. (tfjs draws uniforms in float64 and rounds them to float32, which can give exactly 1
 * or 0; u is kept in [2^−126, 1 − 2^−24].)
 *
 * @param shape non-negative integers, at most 2³¹ − 1 elements in all.
 * @param seed a {@link Seed}.
 * @throws Error naming `randomExponential` and the argument for a bad shape or seed.
 *
 * Complexity: O(size), one upload and two kernels.
 */
export function randomExponential(shape: readonly number[], seed: Seed): tf.Tensor {
  const dims = assertShape('randomExponential', 'shape', shape);
  const tfjsSeed = toTfjsSeed(seed, 'randomExponential');
  return tf.tidy(() => tf.neg(tf.log(tf.randomUniform(dims, TINY, BELOW_ONE, 'float32', tfjsSeed))));
}
