import { assertOptions, MAX_SEED, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { BernoulliVae, BernoulliVaeOptions } from '../bernoulli-vae.js';
import {
  assertFloatTensor,
  assertInteger,
  assertOptionsObject,
  fail,
  MAX_ELEMENTS,
  MAX_SAMPLES,
  shown,
  subject,
} from './validate.js';

const ACTIVATIONS = ['tanh', 'relu', 'softplus'] as const;
const VAE_KEYS = ['inputDim', 'latentDim', 'hidden', 'activation', 'seed'];

/** Widths of the encoder (input → hidden → 2·latent) and of the decoder (latent → reversed hidden → input). */
export function layerWidths(options: BernoulliVaeOptions): { encoder: number[]; decoder: number[] } {
  const { inputDim, latentDim, hidden } = options;
  return {
    encoder: [inputDim, ...hidden, 2 * latentDim],
    decoder: [latentDim, ...[...hidden].reverse(), inputDim],
  };
}

/** The variable shapes of an MLP of widths w: [w₀, w₁], [w₁], [w₁, w₂], [w₂], … */
export function variableShapes(widths: readonly number[]): number[][] {
  return widths.slice(1).flatMap((out, i) => [[widths[i]!, out], [out]]);
}

/**
 * Checks options of a Bernoulli VAE and returns a frozen copy (activation filled in): `inputDim`, `latentDim`
 * integers ≥ 1, `hidden` an array of integers ≥ 1, every weight matrix within the tensor size limit,
 * `activation` one of tanh/relu/softplus, `seed` a Seed; no other key. O(layers).
 *
 * @throws Error naming `fn` and the option at fault.
 */
export function vaeOptions(fn: string, options: unknown): Readonly<Required<BernoulliVaeOptions>> {
  assertOptionsObject(fn, options);
  assertOptions(fn, options, VAE_KEYS);
  const { inputDim, latentDim, hidden, activation = 'tanh', seed } = options;
  assertInteger(fn, 'options.inputDim', inputDim, 1, MAX_ELEMENTS);
  assertInteger(fn, 'options.latentDim', latentDim, 1, MAX_ELEMENTS);
  if (!Array.isArray(hidden) || !hidden.every((h) => typeof h === 'number' && Number.isInteger(h) && h >= 1)) {
    fail(fn, 'options.hidden', 'an array of integers ≥ 1 (the hidden widths, possibly empty)', hidden);
  }
  if (typeof activation !== 'string' || !(ACTIVATIONS as readonly string[]).includes(activation)) {
    fail(fn, 'options.activation', `one of ${ACTIVATIONS.join(', ')}`, activation);
  }
  seedOption(fn, seed);
  const checked = {
    inputDim: inputDim as number,
    latentDim: latentDim as number,
    hidden: Object.freeze([...(hidden as number[])]),
    activation: activation as BernoulliVaeOptions['activation'] & string,
    seed: seed as number,
  };
  const widths = layerWidths(checked);
  for (const shape of [...variableShapes(widths.encoder), ...variableShapes(widths.decoder)]) {
    if (shape.reduce((a, b) => a * b, 1) > MAX_ELEMENTS) {
      throw new Error(
        `${fn}: options inputDim ${inputDim}, latentDim ${latentDim}, hidden ${shown(hidden)} need a [${shape.join(',')}] weight matrix, more than the ${MAX_ELEMENTS} elements a tensor can hold`,
      );
    }
  }
  return Object.freeze(checked);
}

/**
 * Checks that `vae` is a {@link BernoulliVae} whose variables are alive.
 *
 * @throws Error naming `fn` and argument 'vae' otherwise.
 */
export function assertVae(fn: string, vae: unknown, Class: new (...args: never[]) => BernoulliVae): BernoulliVae {
  if (!(vae instanceof Class)) fail(fn, 'vae', 'a BernoulliVae (createBernoulliVae(options))', vae);
  if ([...vae.encoder, ...vae.decoder].some((v) => v.isDisposed)) {
    throw new Error(`${fn}: argument 'vae' has been disposed`);
  }
  return vae;
}

/**
 * Checks the data `x`: a float32 tensor [B, inputDim].
 *
 * @throws Error naming `fn` and argument 'x' otherwise.
 */
export function assertData(fn: string, vae: BernoulliVae, x: unknown): tf.Tensor2D {
  const data = assertFloatTensor(fn, 'x', x, 2);
  if (data.shape[1] !== vae.options.inputDim) {
    fail(fn, 'x', `a float32 tensor [B, ${vae.options.inputDim}] (inputDim of the VAE)`, x);
  }
  return data as tf.Tensor2D;
}

/**
 * Checks a sample count per object (an integer in [1, 2^24]) such that the decoder's output for `objects`
 * objects, samples × objects × width, fits in a tensor.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertSampleCount(fn: string, arg: string, value: unknown, objects: number, width: number): number {
  const samples = assertInteger(fn, arg, value, 1, MAX_SAMPLES);
  if (samples * objects * width > MAX_ELEMENTS) {
    throw new Error(
      `${fn}: ${subject(arg)} = ${samples} with ${objects} objects of width ${width} needs more than the ${MAX_ELEMENTS} elements a tensor can hold; use fewer samples or objects per call`,
    );
  }
  return samples;
}

/**
 * Checks the `seed` option: a {@link Seed}, an integer in [0, 2³² − 1].
 *
 * @throws Error naming `fn` and option 'seed' otherwise.
 */
export function seedOption(fn: string, seed: unknown): Seed {
  return assertInteger(fn, 'options.seed', seed, 0, MAX_SEED);
}

/** Whether `value` is a live float32 variable of `shape`. */
export function isVariableOfShape(value: unknown, shape: readonly number[]): boolean {
  return (
    value instanceof tf.Variable &&
    !value.isDisposed &&
    value.dtype === 'float32' &&
    value.rank === shape.length &&
    value.shape.every((size: number, i: number) => size === shape[i])
  );
}

/** The widest layer of the VAE: per sample and object, no activation is wider. */
export function widest(vae: BernoulliVae): number {
  const { inputDim, latentDim, hidden } = vae.options;
  return Math.max(inputDim, 2 * latentDim, ...hidden);
}
