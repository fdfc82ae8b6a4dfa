import { assertOptions, assertSeed, foldIn, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { disposeBatch } from '../batch.js';
import { epochBatches } from '../internal/epoch-batches.js';
import { permutation } from '../internal/host-random.js';
import {
  assertInteger,
  assertNumber,
  assertObject,
  assertOneOf,
  assertOptionalFunction,
  shown,
} from '../internal/validate.js';
import { imageMaskMixture } from '../masks/image-mask-mixture.js';
import { createConvNetworks } from '../nn/conv-networks.js';
import { createNetworks } from '../nn/networks.js';
import { netVariables, type VaeacNets } from '../nn/vaeac-nets.js';
import { trainStep } from '../train-step.js';
import { encodeImages } from './image-batch.js';
import { imageLogLikelihood, imageOutputWidth } from './image-log-likelihood.js';
import { type ImageLikelihood, ImageVaeac } from './image-vaeac.js';

/** One epoch of {@link fitImages}: mean training loss (−VLB per image, nats) and time. */
export interface ImageEpochInfo {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly seconds: number;
}

/** Options of {@link fitImages}. */
export interface FitImagesOptions {
  /** Image height H. */
  readonly height: number;
  /** Image width W. */
  readonly width: number;
  /** Training epochs. */
  readonly epochs: number;
  /** Seed of everything random. */
  readonly seed: number;
  /** Batch size (default 64). */
  readonly batchSize?: number;
  /** Adam learning rate (default 1e-3; the authors used 2e-4 for their large CelebA net). */
  readonly learningRate?: number;
  /** Latent dimension (default 32). */
  readonly latentDim?: number;
  /**
   * 'mlp' (default): residual MLPs over the H·W pixels with the paper's prior skip connections; 'conv': a small
   * U-Net-like conv VAEAC (convs at full, ½ and ¼ resolution, the prior's maps concatenated into the decoder).
   */
  readonly network?: 'mlp' | 'conv';
  /** MLP: hidden width (default 256). Conv: channels at full resolution, 2× below (default 8). */
  readonly hidden?: number;
  /** MLP only: residual blocks of the proposal and prior networks (default 2; the generative net has depth + 1). */
  readonly depth?: number;
  /** Per-pixel likelihood: 'gaussian' (learned σ ≥ 1e-2, default) or 'bernoulli'. */
  readonly likelihood?: ImageLikelihood;
  /** Training masks [n·H·W] (1 = unobserved) for n images from a seed; default imageMaskMixture. */
  readonly maskGenerator?: (n: number, seed: number) => Float32Array;
  /** Called after each epoch. */
  readonly onEpoch?: (info: ImageEpochInfo) => void;
}

const KEYS = [
  'height',
  'width',
  'epochs',
  'seed',
  'batchSize',
  'learningRate',
  'latentDim',
  'hidden',
  'network',
  'depth',
  'likelihood',
  'maskGenerator',
  'onEpoch',
];

/**
 * Checks images [N·H·W] with values in [0, 1] (NaN allowed only when `allowNaN`) and returns N.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertImages(value: unknown, pixels: number, fn: string, arg: string): number {
  if (!(value instanceof Float32Array) || value.length === 0 || value.length % pixels !== 0) {
    throw new Error(
      `${fn}: argument '${arg}' must be a non-empty Float32Array of N·height·width = N·${pixels} pixels, got ${shown(value)}${value instanceof Float32Array ? ` of length ${value.length}` : ''}`,
    );
  }
  return value.length / pixels;
}

/**
 * Trains an image VAEAC (MLP networks over the H·W pixels, or a small conv net, with the prior-to-generative skip
 * connections; Ivanov et al. 2019 §4.2 at MNIST scale) on `images` (Float32Array N·H·W, values in [0, 1]) with fresh masks
 * from `maskGenerator` each epoch, Adam, batches. Cost per epoch O(N·(depth·hidden² + H·W·hidden)).
 * Memory-neutral apart from the returned model.
 *
 * @throws Error naming `fitImages` and the argument for bad images (length not a multiple of H·W, values
 *   outside [0, 1]), bad options, or masks of the wrong length or values from `maskGenerator`.
 */
export async function fitImages(
  images: Float32Array,
  options: FitImagesOptions,
): Promise<{ model: ImageVaeac; history: ImageEpochInfo[] }> {
  const fn = 'fitImages';
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, KEYS);
  const height = assertInteger(o.height, fn, 'options.height', 1, 4096);
  const width = assertInteger(o.width, fn, 'options.width', 1, 4096);
  const pixels = height * width;
  const n = assertImages(images, pixels, fn, 'images');
  const bad = images.findIndex((v) => !(v >= 0 && v <= 1));
  if (bad >= 0)
    throw new Error(`${fn}: argument 'images' must hold values in [0, 1], got ${images[bad]} at index ${bad}`);
  const epochs = assertInteger(o.epochs, fn, 'options.epochs', 1, 1e6);
  const seed = assertSeed(o.seed, fn, 'options.seed');
  const optionalInteger = (key: string, fallback: number, min: number, max: number) =>
    o[key] === undefined ? fallback : assertInteger(o[key], fn, `options.${key}`, min, max);
  const batchSize = optionalInteger('batchSize', 64, 1, 2 ** 16);
  const latentDim = optionalInteger('latentDim', 32, 1, 8192);
  const network =
    o.network === undefined ? 'mlp' : assertOneOf(o.network, fn, 'options.network', ['mlp', 'conv'] as const);
  const hidden = optionalInteger('hidden', network === 'mlp' ? 256 : 8, 1, 8192);
  const depth = optionalInteger('depth', 2, 0, 256);
  const learningRate =
    o.learningRate === undefined
      ? 1e-3
      : assertNumber(o.learningRate, fn, 'options.learningRate', 'a positive number', (x) => x > 0);
  const likelihood =
    o.likelihood === undefined
      ? 'gaussian'
      : assertOneOf(o.likelihood, fn, 'options.likelihood', ['gaussian', 'bernoulli'] as const);
  assertOptionalFunction(o.maskGenerator, fn, 'options.maskGenerator');
  assertOptionalFunction(o.onEpoch, fn, 'options.onEpoch');
  const maskGenerator =
    (o.maskGenerator as FitImagesOptions['maskGenerator']) ??
    ((count: number, s: number) => imageMaskMixture(count, height, width, s));
  const onEpoch = o.onEpoch as FitImagesOptions['onEpoch'];

  const [initSeed, trainSeed] = splitSeed(seed, 2) as [Seed, Seed];
  const networks: VaeacNets =
    network === 'mlp'
      ? createNetworks(
          {
            priorInputWidth: 2 * pixels,
            proposalInputWidth: 2 * pixels,
            outputWidth: imageOutputWidth(likelihood, pixels),
            width: hidden,
            depth,
            latentDim,
          },
          initSeed,
        )
      : createConvNetworks(
          { height, width, channels: hidden, latentDim, outChannels: likelihood === 'gaussian' ? 2 : 1 },
          initSeed,
        );
  const variables = netVariables(networks);
  const optimizer = tf.train.adam(learningRate);
  const logLikelihood = imageLogLikelihood(likelihood, pixels);
  const history: ImageEpochInfo[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const start = performance.now();
      const [orderSeed, maskSeed, noiseSeed] = splitSeed(foldIn(trainSeed, epoch), 3) as [Seed, Seed, Seed];
      const masks = maskGenerator(n, maskSeed);
      if (!(masks instanceof Float32Array) || masks.length !== n * pixels || masks.some((v) => v !== 0 && v !== 1)) {
        throw new Error(
          `${fn}: options.maskGenerator must return a Float32Array of ${n}·${pixels} zeros and ones, got ${shown(masks)}`,
        );
      }
      const batches = epochBatches(permutation(n, orderSeed), batchSize);
      let lossSum = 0;
      batches.forEach((indices, step) => {
        const batch = encodeImages(images, masks, indices, pixels);
        try {
          lossSum += trainStep(networks, variables, optimizer, batch, logLikelihood, foldIn(noiseSeed, step));
        } finally {
          disposeBatch(batch);
        }
      });
      const info = { epoch, trainLoss: lossSum / batches.length, seconds: (performance.now() - start) / 1000 };
      history.push(info);
      onEpoch?.(info);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (error) {
    tf.dispose(variables);
    throw error;
  } finally {
    optimizer.dispose();
  }
  return { model: new ImageVaeac(height, width, likelihood, networks), history };
}
