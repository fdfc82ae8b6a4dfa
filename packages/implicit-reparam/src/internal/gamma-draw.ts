import type { Seed } from '@proj/core';
import { gamma } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Logarithms of standard Gamma(concentration, 1) draws of shape [...sampleShape, ...concentration.shape],
 * differentiable in `concentration` through the implicit reparameterization gradient of core's `Gamma` (the one
 * Gamma of the workspace), computed in log space so that they stay finite where the draws underflow
 * (Gamma(0.01) draws are 0 in float32 about 40% of the time). This is the one place that names core's
 * differentiable draw. O(size), on the host.
 *
 * @param concentration a > 0 (checked by the caller), float32, of the batch (and event) shape.
 * @param sampleShape the leading sample axes.
 * @param seed a valid Seed.
 */
export function drawLogGamma(concentration: tf.Tensor, sampleShape: readonly number[], seed: Seed): tf.Tensor {
  return tf.tidy(() =>
    gamma({ concentration, rate: tf.onesLike(concentration) }, { validateArgs: false }).logSample(sampleShape, seed),
  );
}
