import { randomNormal, randomUniform, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainStepConfig } from './config.js';

/** Weights of the small CNN: two conv(3×3, same)+ReLU+maxPool(2×2) layers and a dense softmax head. */
export interface CnnWeights {
  readonly conv1: tf.Variable;
  readonly bias1: tf.Variable;
  readonly conv2: tf.Variable;
  readonly bias2: tf.Variable;
  readonly dense: tf.Variable;
  readonly bias3: tf.Variable;
}

/** A labelled batch: images [batch, size, size, 1] in [0, 1) and one-hot labels [batch, classes]. */
export interface Batch {
  readonly images: tf.Tensor4D;
  readonly labels: tf.Tensor2D;
}

/** He-normal weights and zero biases, drawn from `seed` (identical on every backend). */
export function initCnn(config: TrainStepConfig, seed: Seed): CnnWeights {
  const [c1, c2] = config.channels;
  const flat = (config.imageSize / 4) ** 2 * c2;
  const [s1, s2, s3] = splitSeed(seed, 3) as [Seed, Seed, Seed];
  const he = (shape: number[], fanIn: number, s: Seed) =>
    tf.variable(randomNormal(shape, s, { stddev: Math.sqrt(2 / fanIn) }));
  // tidy frees the initial values; each variable keeps its own reference to the data.
  return tf.tidy(() => ({
    conv1: he([3, 3, 1, c1], 9, s1),
    bias1: tf.variable(tf.zeros([c1])),
    conv2: he([3, 3, c1, c2], 9 * c1, s2),
    bias2: tf.variable(tf.zeros([c2])),
    dense: he([flat, config.classes], flat, s3),
    bias3: tf.variable(tf.zeros([config.classes])),
  }));
}

/** A batch of uniform images with uniform labels, drawn from `seed`. */
export function syntheticBatch(config: TrainStepConfig, seed: Seed): Batch {
  const [imageSeed, labelSeed] = splitSeed(seed, 2) as [Seed, Seed];
  return tf.tidy(() => ({
    images: randomUniform([config.batch, config.imageSize, config.imageSize, 1], imageSeed) as tf.Tensor4D,
    labels: tf.oneHot(
      tf.cast(tf.floor(randomUniform([config.batch], labelSeed, { max: config.classes })), 'int32'),
      config.classes,
    ) as tf.Tensor2D,
  }));
}

/** Mean softmax cross-entropy of the CNN on a batch: a scalar. */
export function cnnLoss(weights: CnnWeights, batch: Batch): tf.Scalar {
  return tf.tidy(() => {
    const layer = (x: tf.Tensor4D, filter: tf.Variable, bias: tf.Variable) =>
      tf.maxPool(tf.relu(tf.add(tf.conv2d(x, filter as tf.Tensor4D, 1, 'same'), bias)) as tf.Tensor4D, 2, 2, 'valid');
    const features = layer(layer(batch.images, weights.conv1, weights.bias1), weights.conv2, weights.bias2);
    const logits = tf.add(tf.matMul(tf.reshape(features, [features.shape[0], -1]), weights.dense), weights.bias3);
    return tf.losses.softmaxCrossEntropy(batch.labels, logits) as tf.Scalar;
  });
}

/** Forward floating-point operations of the CNN (the two convs and the dense head). */
export function cnnForwardFlops(config: TrainStepConfig): number {
  const [c1, c2] = config.channels;
  const { batch: b, imageSize: s, classes } = config;
  const conv1 = 2 * b * s * s * c1 * 9 * 1;
  const conv2 = 2 * b * (s / 2) ** 2 * c2 * 9 * c1;
  const dense = 2 * b * (s / 4) ** 2 * c2 * classes;
  return conv1 + conv2 + dense;
}
