import * as tf from '@tensorflow/tfjs-core';
import type { LogLikelihood } from '../batch.js';
import { IMAGE_MIN_SIGMA, type ImageLikelihood } from './image-vaeac.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Output width of the generative network for `pixels` pixels: 2·D (μ | s) for Gaussian, D logits for Bernoulli. */
export function imageOutputWidth(likelihood: ImageLikelihood, pixels: number): number {
  return likelihood === 'gaussian' ? 2 * pixels : pixels;
}

/**
 * The per-pixel image likelihood, summed over the masked pixels: Gaussian N(x; μ, σ²) with σ = max(softplus(s),
 * 1e-2) (params [n, 2D] = [μ | s]), or Bernoulli with logits l (params [n, D]; x ∈ [0, 1] as a soft target:
 * x·log σ(l) + (1 − x)·log σ(−l)). O(n·D).
 */
export function imageLogLikelihood(likelihood: ImageLikelihood, pixels: number): LogLikelihood {
  return (params, target, recMask) =>
    tf.tidy(() => {
      if (likelihood === 'gaussian') {
        const [mu, s] = tf.split(params, [pixels, pixels], 1) as [tf.Tensor2D, tf.Tensor2D];
        const sigma = tf.maximum(tf.softplus(s), IMAGE_MIN_SIGMA);
        const z = tf.div(tf.sub(target, mu), sigma);
        const logProb = tf.neg(tf.add(tf.add(tf.mul(0.5, tf.square(z)), tf.log(sigma)), HALF_LOG_TWO_PI));
        return tf.sum(tf.mul(logProb, recMask), 1) as tf.Tensor1D;
      }
      const logProb = tf.neg(
        tf.add(tf.mul(target, tf.softplus(tf.neg(params))), tf.mul(tf.sub(1, target), tf.softplus(params))),
      );
      return tf.sum(tf.mul(logProb, recMask), 1) as tf.Tensor1D;
    });
}

/** The mean image of the generative distribution, [n, D]: μ (Gaussian) or sigmoid(l) (Bernoulli). O(n·D). */
export function imageMean(likelihood: ImageLikelihood, params: tf.Tensor2D, pixels: number): tf.Tensor2D {
  return tf.tidy(() =>
    likelihood === 'gaussian' ? (tf.slice(params, [0, 0], [-1, pixels]) as tf.Tensor2D) : tf.sigmoid(params),
  );
}
