import { randomUniform, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A trainable variable of uniform draws U(−1/√fanIn, 1/√fanIn) from `seed`: PyTorch's default `nn.Linear`
 * initialization (weights and biases), which the authors' VAEAC code uses.
 */
export function linearUniform(shape: readonly number[], fanIn: number, seed: Seed): tf.Variable {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.tidy(() => tf.variable(randomUniform(shape, seed, { min: -bound, max: bound })));
}
