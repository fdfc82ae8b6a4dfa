import * as tf from '@tensorflow/tfjs-core';
import type { EncodedBatch } from '../batch.js';

/**
 * The batch of images `indices` (images and masks [N·D], D = H·W, mask 1 = unobserved; NaN pixels under the mask
 * allowed): prior input [x·(1 − b), b], proposal input [x, b], target x (NaN → 0), recMask b. O(|indices|·D).
 */
export function encodeImages(
  images: Float32Array,
  masks: Float32Array,
  indices: readonly number[],
  pixels: number,
): EncodedBatch {
  const n = indices.length;
  const x = new Float32Array(n * pixels);
  const b = new Float32Array(n * pixels);
  indices.forEach((image, i) => {
    for (let p = 0; p < pixels; p++) {
      const v = images[image * pixels + p] as number;
      x[i * pixels + p] = Number.isNaN(v) ? 0 : v;
      b[i * pixels + p] = masks[image * pixels + p] as number;
    }
  });
  return tf.tidy(() => {
    const target = tf.tensor2d(x, [n, pixels]);
    const recMask = tf.tensor2d(b, [n, pixels]);
    return {
      priorInput: tf.concat([tf.mul(target, tf.sub(1, recMask)), recMask], 1) as tf.Tensor2D,
      proposalInput: tf.concat([target, recMask], 1) as tf.Tensor2D,
      target,
      recMask,
    };
  });
}
