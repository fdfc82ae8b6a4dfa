import { type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { linearUniform } from '../internal/init.js';
import { createLinear, type Linear, leaky, linear } from './linear.js';
import { type DiagGaussian, LATENT_MIN_SIGMA, type PriorOutput } from './networks.js';

/** Sizes of the convolutional image VAEAC. */
export interface ConvConfig {
  readonly height: number;
  readonly width: number;
  /** Channels at full resolution (2c at 1/2 and 1/4). */
  readonly channels: number;
  readonly latentDim: number;
  /** Output channels per pixel: 2 (Gaussian μ, s) or 1 (Bernoulli logit). */
  readonly outChannels: number;
}

/** A 2-D convolution, filter [k, k, in, out] and bias [out], 'same' padding. */
export interface Conv {
  readonly filter: tf.Variable;
  readonly bias: tf.Variable;
  readonly stride: number;
}

/** Encoder: conv 3×3 (2→c), conv 3×3 stride 2 (c→2c), conv 3×3 stride 2 (2c→2c), Linear(→ 2L). */
export interface ConvEncoder {
  readonly convs: readonly Conv[];
  readonly output: Linear;
}

/**
 * Decoder: Linear(L → ¼H·¼W·2c), then per resolution (¼, ½, 1) a conv 3×3 over [upsampled h, prior skip], and a
 * last 1×1 conv over [h, prior input (2 channels)] to the output channels.
 */
export interface ConvDecoder {
  readonly input: Linear;
  readonly convs: readonly Conv[];
  readonly output: Conv;
}

/** The convolutional VAEAC networks for H×W images (2 input channels: image and mask). */
export interface ConvNetworks {
  readonly kind: 'conv';
  readonly config: ConvConfig;
  readonly proposal: ConvEncoder;
  readonly prior: ConvEncoder;
  readonly generative: ConvDecoder;
}

function createConv(k: number, cin: number, cout: number, stride: number, seed: Seed): Conv {
  const [filterSeed, biasSeed] = splitSeed(seed, 2) as [Seed, Seed];
  return {
    filter: linearUniform([k, k, cin, cout], k * k * cin, filterSeed),
    bias: linearUniform([cout], k * k * cin, biasSeed),
    stride,
  };
}

function conv(layer: Conv, x: tf.Tensor4D): tf.Tensor4D {
  return tf.add(tf.conv2d(x, layer.filter as tf.Tensor4D, layer.stride, 'same'), layer.bias);
}

/** Spatial sizes at full, ½ and ¼ resolution ('same' stride-2 convolutions round up). */
function resolutions(height: number, width: number): [number, number][] {
  const half = (s: number) => Math.ceil(s / 2);
  return [
    [height, width],
    [half(height), half(width)],
    [half(half(height)), half(half(width))],
  ];
}

/**
 * Fresh convolutional VAEAC networks (a tiny U-Net-like variant of the authors' image architecture: stride-2
 * convolutions instead of pooling, one conv per resolution, the prior's maps concatenated into the decoder at the
 * same resolution). Seeded. O(parameters).
 */
export function createConvNetworks(config: ConvConfig, seed: Seed): ConvNetworks {
  const { channels: c, latentDim } = config;
  const [[qh, qw]] = resolutions(config.height, config.width).slice(2) as [[number, number]];
  const flat = qh * qw * 2 * c;
  const seeds = splitSeed(seed, 3) as [Seed, Seed, Seed];
  const encoder = (s: Seed): ConvEncoder => {
    const [a, b, d, e] = splitSeed(s, 4) as [Seed, Seed, Seed, Seed];
    return {
      convs: [createConv(3, 2, c, 1, a), createConv(3, c, 2 * c, 2, b), createConv(3, 2 * c, 2 * c, 2, d)],
      output: createLinear(flat, 2 * latentDim, e),
    };
  };
  const [a, b, d, e, f] = splitSeed(seeds[2], 5) as [Seed, Seed, Seed, Seed, Seed];
  return {
    kind: 'conv',
    config,
    proposal: encoder(seeds[0]),
    prior: encoder(seeds[1]),
    generative: {
      input: createLinear(latentDim, flat, a),
      convs: [createConv(3, 4 * c, 2 * c, 1, b), createConv(3, 4 * c, c, 1, d), createConv(3, 2 * c, c, 1, e)],
      output: createConv(1, c + 2, config.outChannels, 1, f),
    },
  };
}

/** Every variable of the conv networks, in a fixed order. */
export function convNetworkVariables(nets: ConvNetworks): tf.Variable[] {
  const convVars = (layers: readonly Conv[]) => layers.flatMap((l) => [l.filter, l.bias]);
  const enc = (e: ConvEncoder) => [...convVars(e.convs), e.output.weight, e.output.bias];
  const g = nets.generative;
  return [
    ...enc(nets.proposal),
    ...enc(nets.prior),
    g.input.weight,
    g.input.bias,
    ...convVars(g.convs),
    ...convVars([g.output]),
  ];
}

/** Flat [n, 2·H·W] = [first channel | second channel] → NHWC [n, H, W, 2]. */
function toImage(input: tf.Tensor2D, height: number, width: number): tf.Tensor4D {
  const n = input.shape[0];
  return tf.transpose(tf.reshape(input, [n, 2, height, width]), [0, 2, 3, 1]);
}

function encode(encoder: ConvEncoder, x: tf.Tensor4D, latentDim: number): DiagGaussian & { maps: tf.Tensor4D[] } {
  const maps: tf.Tensor4D[] = [];
  let h = x;
  for (const layer of encoder.convs) {
    h = leaky(conv(layer, h));
    maps.push(h);
  }
  const out = linear(encoder.output, tf.reshape(h, [h.shape[0], -1]));
  const [mu, s] = tf.split(out, [latentDim, latentDim], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, sigma: tf.maximum(tf.softplus(s), LATENT_MIN_SIGMA), maps };
}

/** Conv proposal: input [n, 2·H·W] = [x | b] → latent Gaussian. O(n·H·W·c²). */
export function convProposal(nets: ConvNetworks, input: tf.Tensor2D): DiagGaussian {
  const { mu, sigma } = encode(
    nets.proposal,
    toImage(input, nets.config.height, nets.config.width),
    nets.config.latentDim,
  );
  return { mu, sigma };
}

/** Conv prior: input [n, 2·H·W] = [x·(1 − b) | b] → latent Gaussian and the maps at each resolution. */
export function convPrior(nets: ConvNetworks, input: tf.Tensor2D): PriorOutput {
  const { mu, sigma, maps } = encode(
    nets.prior,
    toImage(input, nets.config.height, nets.config.width),
    nets.config.latentDim,
  );
  return { mu, sigma, skips: maps, input };
}

/** Nearest-neighbour ×2 upsampling of [n, h, w, c], cropped to [n, height, width, c]. */
export function upsample(x: tf.Tensor4D, height: number, width: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  // Two rank-4 tiles (tfjs has no tile gradient above rank 4): columns, then rows.
  const wide = tf.reshape(tf.tile(tf.reshape(x, [n * h, w, 1, c]), [1, 1, 2, 1]), [n, h, 1, 2 * w * c]);
  const up = tf.reshape(tf.tile(wide, [1, 1, 2, 1]), [n, 2 * h, 2 * w, c]) as tf.Tensor4D;
  return 2 * h === height && 2 * w === width ? up : tf.slice(up, [0, 0, 0, 0], [n, height, width, c]);
}

/**
 * Conv generative network: z [n, L] and the prior's maps → per-pixel parameters, flat [n, outChannels·H·W] with
 * the channels as blocks ([μ | s] for Gaussian). O(n·H·W·c²).
 */
export function convGenerative(nets: ConvNetworks, z: tf.Tensor2D, prior: PriorOutput): tf.Tensor2D {
  const { height, width, channels: c } = nets.config;
  const sizes = resolutions(height, width);
  const [qh, qw] = sizes[2] as [number, number];
  const n = z.shape[0];
  const g = nets.generative;
  let h = tf.reshape(leaky(linear(g.input, z)), [n, qh, qw, 2 * c]) as tf.Tensor4D;
  for (let level = 2; level >= 0; level--) {
    const [sh, sw] = sizes[level] as [number, number];
    if (level < 2) h = upsample(h, sh, sw);
    const skip = prior.skips[level] as tf.Tensor4D;
    h = leaky(conv(g.convs[2 - level] as Conv, tf.concat([h, skip], 3)));
  }
  const out = conv(g.output, tf.concat([h, toImage(prior.input, height, width)], 3));
  return tf.reshape(tf.transpose(out, [0, 3, 1, 2]), [n, -1]);
}
