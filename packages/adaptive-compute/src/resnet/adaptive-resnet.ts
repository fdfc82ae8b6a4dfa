import { assertOptions, assertSeed, foldIn, type Seed, splitSeed } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { convFlops } from '../flops/conv-flops.js';
import { heNormal, variableOf } from '../internal/init.js';
import {
  assertFloatTensor,
  assertInstance,
  assertInteger,
  assertObject,
  assertOneOf,
  shown,
} from '../internal/validate.js';
import {
  type AdaptiveMethod,
  type AdaptiveStageOptions,
  type AdaptiveStageParams,
  adaptiveStage,
  adaptiveStageVariables,
  createAdaptiveStage,
  type StageOutput,
} from './adaptive-stage.js';
import { type BatchNormParams, batchNorm, createBatchNorm } from './batch-norm.js';

/**
 * A pre-activation ResNet with adaptive stages (mfigurnov/sact cifar_model.py): a 3×3 stem convolution, the
 * stages, then BN, ReLU, global average pooling and a fully connected classifier. A plain data holder of
 * tf.Variables (free with `tf.dispose(adaptiveResNetVariables(net))`).
 */
export class AdaptiveResNetParams {
  constructor(
    /** [3, 3, Cin, C0]. */
    readonly stem: tf.Variable,
    readonly stages: readonly AdaptiveStageParams[],
    readonly finalBn: BatchNormParams,
    /** [C_last, classes]. */
    readonly fcWeight: tf.Variable,
    /** [classes]. */
    readonly fcBias: tf.Variable,
  ) {}
}

/** Every tensor an {@link AdaptiveResNetParams} holds (moving BN statistics included). O(stages·L). */
export function adaptiveResNetVariables(net: AdaptiveResNetParams): tf.Variable[] {
  if (!(net instanceof AdaptiveResNetParams)) {
    throw new Error(`adaptiveResNetVariables: argument 'net' must be an AdaptiveResNetParams, got ${shown(net)}`);
  }
  return [
    net.stem,
    ...net.stages.flatMap(adaptiveStageVariables),
    ...Object.values(net.finalBn),
    net.fcWeight,
    net.fcBias,
  ];
}

/** One stage of {@link AdaptiveResNetConfig}. */
export interface StageConfig {
  readonly channels: number;
  /** Stride of the stage's first unit, 1 or 2. */
  readonly stride: number;
  readonly units: number;
}

/** Configuration of {@link createAdaptiveResNet}. */
export interface AdaptiveResNetConfig {
  /** Image channels (1 for MNIST). */
  readonly inChannels: number;
  readonly classes: number;
  /** Channels of the stem convolution. */
  readonly stemChannels: number;
  /** The stages, e.g. [{channels: 8, stride: 1, units: 3}, {16, 2, 3}, {32, 2, 3}]. */
  readonly stages: readonly StageConfig[];
  /** The halting rule of every stage. */
  readonly method: AdaptiveMethod;
  readonly seed: Seed;
}

const CONFIG_KEYS = ['inChannels', 'classes', 'stemChannels', 'stages', 'method', 'seed'];

/**
 * Fresh parameters of an adaptive pre-activation ResNet (He-normal convolutions, halting bias −3, classifier
 * N(0, 1/C) weights and zero bias). O(Σ L·9·C²).
 *
 * @throws Error naming `createAdaptiveResNet` and the argument for a config that is not an object with the
 *   keys of {@link AdaptiveResNetConfig} (unknown keys too), an empty stage list, or bad values.
 * @example
 * const net = createAdaptiveResNet({
 *   inChannels: 1, classes: 10, stemChannels: 8, method: 'sact', seed: 0,
 *   stages: [{ channels: 8, stride: 1, units: 3 }, { channels: 16, stride: 2, units: 3 }, { channels: 32, stride: 2, units: 3 }],
 * });
 */
export function createAdaptiveResNet(config: AdaptiveResNetConfig): AdaptiveResNetParams {
  const fn = 'createAdaptiveResNet';
  assertObject(config, fn, 'config');
  assertOptions(fn, config, CONFIG_KEYS);
  const inChannels = assertInteger(config.inChannels, fn, 'config.inChannels', 1);
  const classes = assertInteger(config.classes, fn, 'config.classes', 1);
  const stem = assertInteger(config.stemChannels, fn, 'config.stemChannels', 1);
  assertOneOf(config.method, fn, 'config.method', ['vanilla', 'act', 'sact', 'pact']);
  if (!Array.isArray(config.stages) || config.stages.length === 0 || config.stages.length > 16) {
    throw new Error(`${fn}: argument 'config.stages' must be a list of 1 to 16 stages, got ${shown(config.stages)}`);
  }
  config.stages.forEach((stage, i) => {
    assertObject(stage, fn, `config.stages[${i}]`);
    assertOptions(fn, stage, ['channels', 'stride', 'units']);
  });
  assertSeed(config.seed, fn, 'config.seed');
  const seeds = splitSeed(config.seed, config.stages.length + 2);
  let channels = stem;
  // Validate every stage before allocating any variable, so that a bad config leaks nothing.
  config.stages.forEach((stage, i) => {
    const out = assertInteger(stage.channels, fn, `config.stages[${i}].channels`, 1);
    if (out < channels || (out - channels) % 2 !== 0) {
      throw new Error(
        `${fn}: argument 'config.stages[${i}].channels' must be at least the previous channels (${channels}) with an even difference, got ${out}`,
      );
    }
    assertInteger(stage.stride, fn, `config.stages[${i}].stride`, 1, 2);
    assertInteger(stage.units, fn, `config.stages[${i}].units`, 1, 64);
    channels = out;
  });
  channels = stem;
  const stages = config.stages.map((stage, i) => {
    const params = createAdaptiveStage({ inChannels: channels, ...stage, method: config.method, seed: seeds[i]! });
    channels = stage.channels;
    return params;
  });
  const head = seeds[config.stages.length]!;
  return new AdaptiveResNetParams(
    heNormal([3, 3, inChannels, stem], 9 * inChannels, seeds[config.stages.length + 1]!),
    stages,
    createBatchNorm(channels),
    heNormal([channels, classes], 2 * channels, head),
    variableOf(() => tf.zeros([classes])),
  );
}

/** What {@link adaptiveResNet} returns. */
export class ResNetOutput {
  constructor(
    /** [B, classes]. */
    readonly logits: tf.Tensor,
    /** Per stage: ponder cost, units, halting distribution, FLOPs. */
    readonly stages: readonly StageOutput[],
    /** FLOPs per example: stem, stages (computed positions only) and classifier. */
    readonly flops: Float64Array,
  ) {}
}

/**
 * The forward pass of an adaptive ResNet on images [B, H, W, Cin]: stem convolution, the stages by
 * {@link adaptiveStage} (same options; PACT's seed is folded per stage), BN, ReLU, global average pooling,
 * classifier. Differentiable; for Adam training put it in `optimizer.minimize` together with
 * `ponderLoss(out.stages.map((s) => s.ponderCost), τ)` (ACT/SACT) or a PACT log-prior.
 *
 * Complexity: the FLOPs reported in {@link ResNetOutput.flops}. Figurnov et al., CVPR 2017.
 *
 * @throws Error naming `adaptiveResNet` and the argument for a net that is not live
 *   {@link AdaptiveResNetParams}, images that are not float32 [B, H, W, Cin], or bad options.
 * @example
 * const out = adaptiveResNet(net, images, { training: true });
 */
export function adaptiveResNet(
  net: AdaptiveResNetParams,
  images: tf.Tensor,
  options: AdaptiveStageOptions = {},
): ResNetOutput {
  const fn = 'adaptiveResNet';
  assertInstance(net, AdaptiveResNetParams, fn, 'net', adaptiveResNetVariables);
  assertOptions(fn, options, ['training', 'eps', 'computation', 'maskedFraction', 'temperature', 'seed']);
  const cin = net.stem.shape[2]!;
  assertFloatTensor(images, fn, 'images', `[B, H, W, ${cin}]`, [4], [undefined, undefined, undefined, cin]);
  if (options.seed !== undefined) assertSeed(options.seed, fn, 'options.seed');
  const checked = { ...options };
  return tidyObject(() => {
    let x: tf.Tensor = tf.conv2d(images as tf.Tensor4D, net.stem as tf.Tensor4D, 1, 'same');
    const [b, h, w] = x.shape as [number, number, number, number];
    const flops = new Float64Array(b).fill(convFlops(h * w, 3, 3, cin, net.stem.shape[3]!));
    const stages = net.stages.map((stage, i) => {
      const stageOptions =
        checked.seed === undefined ? checked : { ...checked, seed: foldIn(checked.seed, `stage${i}`) };
      const out = adaptiveStageFor(fn, stage, x, stageOptions);
      x = out.output;
      out.flops.forEach((f, e) => {
        flops[e]! += f;
      });
      return out;
    });
    const pooled = tf.mean(tf.relu(batchNorm(net.finalBn, x, { training: checked.training ?? false })), [1, 2]);
    const logits = tf.add(tf.matMul(pooled, net.fcWeight), net.fcBias);
    const classes = net.fcBias.shape[0]!;
    for (let e = 0; e < b; e++) flops[e]! += convFlops(1, 1, 1, net.fcWeight.shape[0]!, classes);
    return new ResNetOutput(logits, stages, flops);
  });
}

/** {@link adaptiveStage}, with its errors renamed to the network function. */
function adaptiveStageFor(
  fn: string,
  stage: AdaptiveStageParams,
  x: tf.Tensor,
  options: AdaptiveStageOptions,
): StageOutput {
  try {
    return adaptiveStage(stage, x, options);
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^adaptiveStage: /, `${fn}: `);
    throw error;
  }
}
