import { randomNormal, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { BernoulliVae } from '../bernoulli-vae.js';
import { applyMlp } from './mlp.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log p(x | z) of data x [B, D] under the Bernoulli decoder for latents z [S, B, d]: Σ_j x_j·ℓ_j − softplus(ℓ_j)
 * with ℓ the decoder's logits (finite for any logit). [S, B]. O(S·B·decoder cost).
 */
export function decoderLogLikelihood(vae: BernoulliVae, x: tf.Tensor2D, z: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const [samples, objects, latent] = z.shape;
    const { inputDim, activation } = vae.options;
    const logits = tf.reshape(applyMlp(vae.decoder, tf.reshape(z, [samples * objects, latent]), activation), [
      samples,
      objects,
      inputDim,
    ]);
    return tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), -1) as tf.Tensor2D;
  });
}

/**
 * log p(x, z) and log q(z | x) of S reparameterized draws z = μ(x) + σ(x)·ε, ε ~ N(0, I) from `seed`, for data
 * x [B, D] (checked by the caller): {logJoint, logQ}, both [S, B]. log q = Σ −ε²/2 − log σ − log(2π)/2, the density
 * at the draw written through ε, so its gradient is the total (pathwise) derivative. O(S·B·(encoder + decoder)).
 */
export function logWeights(
  vae: BernoulliVae,
  x: tf.Tensor2D,
  samples: number,
  seed: Seed,
): { logJoint: tf.Tensor2D; logQ: tf.Tensor2D } {
  return tf.tidy(() => {
    const { latentDim, activation } = vae.options;
    const objects = x.shape[0];
    const heads = applyMlp(vae.encoder, x, activation);
    const loc = tf.slice(heads, [0, 0], [objects, latentDim]);
    const logScale = tf.slice(heads, [0, latentDim], [objects, latentDim]);
    const eps = randomNormal([samples, objects, latentDim], seed);
    const z = tf.add(loc, tf.mul(tf.exp(logScale), eps)) as tf.Tensor3D;
    const logQ = tf.sum(tf.sub(tf.neg(tf.add(tf.mul(0.5, tf.square(eps)), logScale)), HALF_LOG_2PI), -1);
    const logPrior = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), HALF_LOG_2PI), -1);
    const logJoint = tf.add(decoderLogLikelihood(vae, x, z), logPrior);
    return { logJoint: logJoint as tf.Tensor2D, logQ: logQ as tf.Tensor2D };
  });
}
