import { type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { createLinear, type Linear, leaky, linear } from './linear.js';

/** Sizes of the three VAEAC networks. */
export interface NetworkConfig {
  /** Width of the prior network's input [observed encoding, mask]. */
  readonly priorInputWidth: number;
  /** Width of the proposal network's input [full encoding, (NaN indicators), mask]. */
  readonly proposalInputWidth: number;
  /** Width of the generative network's output (distribution parameters per object). */
  readonly outputWidth: number;
  /** Hidden width (paper: 256). */
  readonly width: number;
  /** Residual blocks of the proposal and prior networks (paper: 10); the generative net has depth + 1. */
  readonly depth: number;
  /** Latent dimension (paper: 64). */
  readonly latentDim: number;
}

/** One residual MLP: input layer, residual blocks, output layer. */
export interface Mlp {
  readonly input: Linear;
  readonly blocks: readonly Linear[];
  readonly output: Linear;
}

/** The proposal q(z | x, b), prior p(z | x_o, b) and generative p(x_b | z, x_o, b) networks (plain variables). */
export interface Networks {
  /** Discriminates the MLP networks from the convolutional image networks. */
  readonly kind: 'mlp';
  readonly config: NetworkConfig;
  readonly proposal: Mlp;
  readonly prior: Mlp;
  readonly generative: Mlp;
}

/** A diagonal Gaussian over the latent space: mean and standard deviation, both [n, latentDim]. */
export interface DiagGaussian {
  readonly mu: tf.Tensor2D;
  readonly sigma: tf.Tensor2D;
}

/** The prior network's output: its Gaussian, the stored block inputs h_0..h_depth and its raw input. */
export interface PriorOutput extends DiagGaussian {
  /**
   * The activations the generative network concatenates, shallowest first. MLP: skips[i] = the input of residual
   * block i (i < depth), skips[depth] = the output of the last block; conv: one map per resolution.
   */
  readonly skips: readonly tf.Tensor[];
  /** The prior's raw input, concatenated before the generative network's last layer. */
  readonly input: tf.Tensor2D;
}

/** Lower bound on the latent standard deviations (authors' code: 1e-3). */
export const LATENT_MIN_SIGMA = 1e-3;

/** Layer sizes of one {@link Mlp}: input → width, `depth` blocks blockIn → width, outputIn → outputDim. */
interface MlpSizes {
  readonly inDim: number;
  readonly width: number;
  readonly blockIn: number;
  readonly depth: number;
  readonly outputIn: number;
  readonly outputDim: number;
}

function createMlp(sizes: MlpSizes, seed: Seed): Mlp {
  const { inDim, width, blockIn, depth, outputIn, outputDim } = sizes;
  const seeds = splitSeed(seed, depth + 2);
  return {
    input: createLinear(inDim, width, seeds[0] as number),
    blocks: Array.from({ length: depth }, (_, i) => createLinear(blockIn, width, seeds[i + 1] as number)),
    output: createLinear(outputIn, outputDim, seeds[depth + 1] as number),
  };
}

/**
 * Fresh networks with the authors' tabular architecture (§1.3 of the spec): proposal and prior are
 * Linear(in→w), LeakyReLU and `depth` residual blocks [Linear(w→w), LeakyReLU, +input], then Linear(w→2L);
 * the generative net is Linear(L→w), LeakyReLU, then depth+1 blocks that concatenate a stored prior activation
 * (reverse order) before Linear(2w→w), and a last Linear(w + priorInputWidth → outputWidth). Seeded.
 */
export function createNetworks(config: NetworkConfig, seed: Seed): Networks {
  const { width, depth, latentDim } = config;
  const [proposalSeed, priorSeed, generativeSeed] = splitSeed(seed, 3) as [number, number, number];
  const encoder = (inDim: number) => ({
    inDim,
    width,
    blockIn: width,
    depth,
    outputIn: width,
    outputDim: 2 * latentDim,
  });
  return {
    kind: 'mlp',
    config,
    proposal: createMlp(encoder(config.proposalInputWidth), proposalSeed),
    prior: createMlp(encoder(config.priorInputWidth), priorSeed),
    generative: createMlp(
      {
        inDim: latentDim,
        width,
        blockIn: 2 * width,
        depth: depth + 1,
        outputIn: width + config.priorInputWidth,
        outputDim: config.outputWidth,
      },
      generativeSeed,
    ),
  };
}

function mlpVariables(mlp: Mlp): tf.Variable[] {
  return [mlp.input, ...mlp.blocks, mlp.output].flatMap((l) => [l.weight, l.bias]);
}

/** Every variable of the networks, in a fixed order (proposal, prior, generative; layer by layer; W then b). */
export function networkVariables(networks: Networks): tf.Variable[] {
  return [...mlpVariables(networks.proposal), ...mlpVariables(networks.prior), ...mlpVariables(networks.generative)];
}

function gaussianHead(out: tf.Tensor2D, latentDim: number): DiagGaussian {
  const [mu, s] = tf.split(out, [latentDim, latentDim], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, sigma: tf.maximum(tf.softplus(s), LATENT_MIN_SIGMA) };
}

/** The proposal q_φ(z | x, b): input [n, proposalInputWidth] → diagonal Gaussian [n, L]. O(n·depth·w²). */
export function proposalForward(networks: Networks, input: tf.Tensor2D): DiagGaussian {
  const { proposal } = networks;
  let h = leaky(linear(proposal.input, input));
  for (const block of proposal.blocks) h = tf.add(h, leaky(linear(block, h)));
  return gaussianHead(linear(proposal.output, h), networks.config.latentDim);
}

/**
 * The prior p_ψ(z | x_o, b): input [n, priorInputWidth] → diagonal Gaussian [n, L], plus the skip activations
 * the generative network needs (returned explicitly, no global state). O(n·depth·w²).
 */
export function priorForward(networks: Networks, input: tf.Tensor2D): PriorOutput {
  const { prior } = networks;
  let h = leaky(linear(prior.input, input));
  const skips: tf.Tensor[] = [];
  for (const block of prior.blocks) {
    skips.push(h);
    h = tf.add(h, leaky(linear(block, h)));
  }
  skips.push(h);
  return { ...gaussianHead(linear(prior.output, h), networks.config.latentDim), skips, input };
}

/**
 * The generative p_θ(x_b | z, x_o, b): z [n, L] and the prior's output for the same objects → distribution
 * parameters [n, outputWidth]. Block j concatenates skips[depth − j] (U-Net-like skip connections). O(n·depth·w²).
 */
export function generativeForward(networks: Networks, z: tf.Tensor2D, prior: PriorOutput): tf.Tensor2D {
  const { generative } = networks;
  const depth = generative.blocks.length - 1;
  let h = leaky(linear(generative.input, z));
  generative.blocks.forEach((block, j) => {
    h = tf.add(h, leaky(linear(block, tf.concat([h, prior.skips[depth - j] as tf.Tensor2D], 1))));
  });
  return linear(generative.output, tf.concat([h, prior.input], 1));
}
