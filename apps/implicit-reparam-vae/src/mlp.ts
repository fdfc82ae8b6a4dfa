import { randomUniform, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';

/** One dense layer: weights [in, out], bias [out]. */
export interface Dense {
  readonly weights: tf.Variable;
  readonly bias: tf.Variable;
}

/**
 * Dense layers of widths sizes[0] → sizes[1] → … → sizes[L], weights Glorot-uniform from `seed`, biases 0. The
 * caller owns the variables ({@link disposeLayers}).
 */
export function createLayers(sizes: readonly number[], seed: Seed): Dense[] {
  const seeds = splitSeed(seed, Math.max(1, sizes.length - 1));
  return sizes.slice(1).map((out, i) => {
    const inputs = sizes[i]!;
    const limit = Math.sqrt(6 / (inputs + out));
    return tf.tidy(() => ({
      weights: tf.variable(randomUniform([inputs, out], seeds[i]!, { min: -limit, max: limit })),
      bias: tf.variable(tf.zeros([out])),
    }));
  });
}

/** x [n, in] through the layers: ReLU after every layer but the last, which stays linear. [n, out]. */
export function applyLayers(layers: readonly Dense[], x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    let h = x;
    for (const [i, layer] of layers.entries()) {
      const y = tf.add(tf.matMul(h, layer.weights), layer.bias) as tf.Tensor2D;
      h = i < layers.length - 1 ? tf.relu(y) : y;
    }
    return h;
  });
}

/** All variables of the layers. */
export function layerVariables(layers: readonly Dense[]): tf.Variable[] {
  return layers.flatMap((l) => [l.weights, l.bias]);
}

/** Frees the layers' variables. */
export function disposeLayers(layers: readonly Dense[]): void {
  tf.dispose(layerVariables(layers));
}
