import { type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { linearUniform } from '../internal/init.js';

/** A fully connected layer y = x·W + b with W [in, out] and b [out] (plain tf.Variables). */
export interface Linear {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
}

/** A {@link Linear} layer with PyTorch's default initialization, seeded. O(in·out). */
export function createLinear(inDim: number, outDim: number, seed: Seed): Linear {
  const [weightSeed, biasSeed] = splitSeed(seed, 2) as [number, number];
  return { weight: linearUniform([inDim, outDim], inDim, weightSeed), bias: linearUniform([outDim], inDim, biasSeed) };
}

/** x [n, in] → x·W + b [n, out]. O(n·in·out). */
export function linear(layer: Linear, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(x, layer.weight as tf.Tensor2D), layer.bias);
}

/** LeakyReLU with the authors' slope 0.01. */
export function leaky<T extends tf.Tensor>(x: T): T {
  return tf.leakyRelu(x, 0.01);
}
