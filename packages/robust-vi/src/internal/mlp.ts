import * as tf from '@tensorflow/tfjs-core';
import type { BernoulliVaeOptions } from '../bernoulli-vae.js';

/** The hidden nonlinearity named by `activation`. */
function activate(activation: NonNullable<BernoulliVaeOptions['activation']>, x: tf.Tensor): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'softplus') return tf.softplus(x);
  return tf.tanh(x);
}

/**
 * x [n, in] through dense layers [W₁, b₁, W₂, b₂, …]: `activation` after every layer but the last (linear).
 * [n, out]. O(n·Σ inᵢ·outᵢ).
 */
export function applyMlp(
  layers: readonly tf.Tensor[],
  x: tf.Tensor2D,
  activation: NonNullable<BernoulliVaeOptions['activation']>,
): tf.Tensor2D {
  return tf.tidy(() => {
    let h: tf.Tensor2D = x;
    const count = layers.length / 2;
    for (let i = 0; i < count; i++) {
      const y = tf.add(tf.matMul(h, layers[2 * i] as tf.Tensor2D), layers[2 * i + 1]!) as tf.Tensor2D;
      h = i < count - 1 ? (activate(activation, y) as tf.Tensor2D) : y;
    }
    return h;
  });
}
