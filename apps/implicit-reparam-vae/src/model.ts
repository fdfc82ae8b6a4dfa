import { type Seed, splitSeed, stopGradient } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  featureWidth,
  klToPrior,
  type LatentFamily,
  latentFeatures,
  logPrior,
  posterior,
  vonMisesOfConcentration,
} from './latent.js';
import { applyLayers, createLayers, type Dense, disposeLayers, layerVariables } from './mlp.js';

/** Pixels per digit. */
export const PIXELS = 784;

/**
 * How the gradient reaches the posterior's spread: `reparameterized` (Normal: z = μ + σε), `implicit` (von Mises:
 * the implicit reparameterization gradient carried by @proj/implicit-reparam's `sample`), `scoreFunction` (von
 * Mises: pathwise in the location, the score function for the concentration κ, with a per-digit baseline from an
 * independent sample).
 */
export type GradientMethod = 'reparameterized' | 'implicit' | 'scoreFunction';

/** A VAE: encoder 784 → hidden → 2d (loc, spread), decoder features(z) → reversed hidden → 784 logits. */
export interface Vae {
  readonly family: LatentFamily;
  readonly latentDim: number;
  readonly encoder: readonly Dense[];
  readonly decoder: readonly Dense[];
}

/** A VAE with Glorot-uniform weights from `seed`; the caller frees it with {@link disposeVae}. */
export function createVae(family: LatentFamily, latentDim: number, hidden: readonly number[], seed: Seed): Vae {
  const [encoderSeed, decoderSeed] = splitSeed(seed, 2) as [Seed, Seed];
  return {
    family,
    latentDim,
    encoder: createLayers([PIXELS, ...hidden, 2 * latentDim], encoderSeed),
    decoder: createLayers([featureWidth(family, latentDim), ...[...hidden].reverse(), PIXELS], decoderSeed),
  };
}

/** Every trainable variable of the VAE. */
export function vaeVariables(vae: Vae): tf.Variable[] {
  return [...layerVariables(vae.encoder), ...layerVariables(vae.decoder)];
}

/** The encoder's last bias: its second half biases the posterior spreads (the gradient-variance probe). */
export function spreadBias(vae: Vae): tf.Variable {
  return vae.encoder[vae.encoder.length - 1]!.bias;
}

/** Frees the VAE's variables. */
export function disposeVae(vae: Vae): void {
  disposeLayers(vae.encoder);
  disposeLayers(vae.decoder);
}

/** The encoder heads for digits x [n, 784]: loc [n, d] and the unconstrained spread [n, d]. */
export function encode(vae: Vae, x: tf.Tensor2D): { loc: tf.Tensor2D; spread: tf.Tensor2D } {
  return tf.tidy(() => {
    const out = applyLayers(vae.encoder, x);
    const d = vae.latentDim;
    return { loc: tf.slice(out, [0, 0], [-1, d]), spread: tf.slice(out, [0, d], [-1, d]) };
  });
}

/**
 * log p(x | z) of binary digits x [n, 784] under the Bernoulli decoder, for latents z [..., n, d]: Σ_pixels
 * x·ℓ − softplus(ℓ) with ℓ the decoder's logits. [..., n].
 */
export function logLikelihood(vae: Vae, x: tf.Tensor2D, z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const features = latentFeatures(vae.family, z);
    const flat = tf.reshape(features, [-1, features.shape[features.rank - 1]!]) as tf.Tensor2D;
    const logits = tf.reshape(applyLayers(vae.decoder, flat), [...z.shape.slice(0, -1), PIXELS]);
    return tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), -1);
  });
}

/**
 * One-sample ELBO of a batch x [n, 784] and the surrogate whose gradient is the method's ELBO gradient (both
 * means over the batch; equal except for the score function, whose surrogate adds
 * stop(log p(x|z) − b)·log q(stop(z); stop(μ), κ)). KL(q ‖ p) is in closed form in every method.
 */
export function objective(
  vae: Vae,
  method: GradientMethod,
  x: tf.Tensor2D,
  seed: Seed,
): { elbo: tf.Scalar; surrogate: tf.Scalar } {
  return tf.tidy(() => {
    const { loc, spread } = encode(vae, x);
    const q = posterior(vae.family, loc, spread);
    const kl = klToPrior(vae.family, q);
    if (method !== 'scoreFunction') {
      const elbo = tf.mean(tf.sub(logLikelihood(vae, x, q.sample([], seed)), kl)) as tf.Scalar;
      return { elbo, surrogate: elbo };
    }
    const [sampleSeed, baselineSeed] = splitSeed(seed, 2) as [Seed, Seed];
    // Draws with κ stopped: pathwise in μ (∂z/∂μ = 1), no path to κ; κ learns through the score term.
    const stopped = posterior(vae.family, loc, stopGradient(spread));
    const z = stopped.sample([], sampleSeed);
    const data = logLikelihood(vae, x, z);
    const baseline = stopGradient(logLikelihood(vae, x, stopped.sample([], baselineSeed)));
    const score = tf.sum(vonMisesOfConcentration(loc, spread).logProb(stopGradient(z)), -1);
    const surrogate = tf.mean(tf.sub(tf.add(data, tf.mul(stopGradient(tf.sub(data, baseline)), score)), kl));
    return { elbo: tf.mean(tf.sub(data, kl)) as tf.Scalar, surrogate: surrogate as tf.Scalar };
  });
}

/**
 * Test metrics of digits x [n, 784] from K posterior draws per digit, summed over the digits (divide by n): the
 * ELBO (mean over draws of log p(x|z), minus the closed-form KL) and the importance-sampled log-likelihood
 * log (1/K) Σ_k p(x|z_k) p(z_k) / q(z_k|x) (Burda et al. 2016), both in nats.
 */
export function evaluateBatch(
  vae: Vae,
  x: tf.Tensor2D,
  numSamples: number,
  seed: Seed,
): { elboSum: number; logLikelihoodSum: number } {
  const [elbo, ll] = tf.tidy(() => {
    const { loc, spread } = encode(vae, x);
    const q = posterior(vae.family, loc, spread);
    const z = q.sample([numSamples], seed);
    const data = logLikelihood(vae, x, z);
    const logWeights = tf.sub(tf.add(data, logPrior(vae.family, z)), tf.sum(q.logProb(z), -1));
    const logMean = tf.sub(tf.logSumExp(logWeights, 0), Math.log(numSamples));
    const elboPerDigit = tf.sub(tf.mean(data, 0), klToPrior(vae.family, q));
    return [tf.sum(elboPerDigit).dataSync()[0]!, tf.sum(logMean).dataSync()[0]!];
  });
  return { elboSum: elbo, logLikelihoodSum: ll };
}

/**
 * Posterior locations of digits x [n, 784], row-major [n·d]; on the torus wrapped to [−π, π) (the von Mises mean
 * direction).
 */
export function posteriorMeans(vae: Vae, x: tf.Tensor2D): Float32Array {
  return tf.tidy(() => {
    const { loc } = encode(vae, x);
    if (vae.family === 'normal') return loc.dataSync() as Float32Array;
    const wrapped = tf.atan2(tf.sin(loc), tf.cos(loc)).dataSync() as Float32Array;
    // atan2 returns [−π, π]; fold +π onto −π.
    return wrapped.map((v) => (v >= Math.PI ? v - 2 * Math.PI : v));
  });
}

/**
 * Variance of the single-batch gradient of −surrogate with respect to the spread biases (the encoder's last d
 * bias entries), over `repeats` independent draws at the current parameters, averaged over the d entries.
 */
export function spreadGradientVariance(
  vae: Vae,
  method: GradientMethod,
  x: tf.Tensor2D,
  seed: Seed,
  repeats: number,
): number {
  const bias = spreadBias(vae);
  const d = vae.latentDim;
  const draws = splitSeed(seed, repeats).map((s) =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.neg(objective(vae, method, x, s).surrogate), [bias]);
      return Array.from(tf.slice(grads[bias.name]!, [d], [d]).dataSync());
    }),
  );
  let total = 0;
  for (let j = 0; j < d; j++) {
    const values = draws.map((g) => g[j]!);
    const mean = values.reduce((s, v) => s + v, 0) / repeats;
    total += values.reduce((s, v) => s + (v - mean) ** 2, 0) / (repeats - 1);
  }
  return total / d;
}
