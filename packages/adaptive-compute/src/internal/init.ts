import { randomNormal, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';

/** A variable holding `make()`'s value; the initial tensor is freed (tf.variable alone would keep it alive). */
export function variableOf(make: () => tf.Tensor, trainable = true): tf.Variable {
  return tf.tidy(() => tf.variable(make(), trainable));
}

/** A trainable variable of He-normal draws N(0, 2/fanIn) from `seed` (He et al., ICCV 2015). */
export function heNormal(shape: readonly number[], fanIn: number, seed: Seed): tf.Variable {
  return variableOf(() => randomNormal(shape, seed, { stddev: Math.sqrt(2 / fanIn) }));
}
