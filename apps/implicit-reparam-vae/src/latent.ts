import { stopGradient } from '@proj/core';
import { type Distribution, kl, normal, uniform } from '@proj/core/distributions';
import { vonMises } from '@proj/implicit-reparam';
import * as tf from '@tensorflow/tfjs-core';

/** The latent families compared: Gaussian latents with a N(0, 1) prior, von Mises latents with a uniform prior. */
export type LatentFamily = 'normal' | 'vonMises';

const LOG_TWO_PI = Math.log(2 * Math.PI);
/** Bounds of the von Mises concentration κ = softplus(raw) + 1e-3, clipped at 1e3 (research notes §6). */
export const KAPPA_FLOOR = 1e-3;
export const KAPPA_CAP = 1e3;
/** Floor of the Normal scale σ = softplus(raw) + 1e-4. */
export const SCALE_FLOOR = 1e-4;

/**
 * The posterior q(z | x) from the encoder's heads `loc` [n, d] and `spread` [n, d] (unconstrained): Normal(loc,
 * softplus(spread) + 1e-4), or VonMises(loc, clip(softplus(spread) + 1e-3, ·, 1e3)); batch shape [n, d].
 */
export function posterior(family: LatentFamily, loc: tf.Tensor, spread: tf.Tensor): Distribution {
  if (family === 'normal') return normal({ loc, scale: tf.add(tf.softplus(spread), SCALE_FLOOR) });
  return vonMises({ loc, concentration: concentration(spread) });
}

/** κ = clip(softplus(spread) + 1e-3, ·, 1e3). */
export function concentration(spread: tf.Tensor): tf.Tensor {
  return tf.minimum(tf.add(tf.softplus(spread), KAPPA_FLOOR), KAPPA_CAP);
}

/** The prior p(z): N(0, 1) per coordinate, or Uniform[−π, π) per coordinate (the torus). */
export function prior(family: LatentFamily): Distribution {
  return family === 'normal' ? normal({ loc: 0, scale: 1 }) : uniform({ low: -Math.PI, high: Math.PI });
}

/** KL(q ‖ p) summed over the latent coordinates, in closed form (core's `kl`; von Mises ‖ uniform registered by @proj/implicit-reparam). [n]. */
export function klToPrior(family: LatentFamily, q: Distribution): tf.Tensor1D {
  return tf.tidy(() => tf.sum(kl(q, prior(family)), -1) as tf.Tensor1D);
}

/**
 * log p(z) summed over the latent coordinates, for z [..., d]: the standard normal log density, or −d·log 2π on
 * the torus (z is a wrapped sample, inside [−π, π]). [...].
 */
export function logPrior(family: LatentFamily, z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    if (family === 'vonMises') return tf.fill(z.shape.slice(0, -1), -z.shape[z.rank - 1]! * LOG_TWO_PI);
    return tf.sum(tf.mul(-0.5, tf.add(tf.square(z), LOG_TWO_PI)), -1);
  });
}

/**
 * The decoder's input features of a latent z [..., d]: z itself for Normal latents, (cos z, sin z) [..., 2d]
 * for von Mises latents, so that the decoder is a function on the torus.
 */
export function latentFeatures(family: LatentFamily, z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => (family === 'normal' ? z : tf.concat([tf.cos(z), tf.sin(z)], -1)));
}

/** Width of {@link latentFeatures} for latent dimension d. */
export function featureWidth(family: LatentFamily, d: number): number {
  return family === 'normal' ? d : 2 * d;
}

/** The posterior with its loc stopped (used by the score-function surrogate, which differentiates κ only). */
export function vonMisesOfConcentration(loc: tf.Tensor, spread: tf.Tensor): Distribution {
  return vonMises({ loc: stopGradient(loc), concentration: concentration(spread) });
}
