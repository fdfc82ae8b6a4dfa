import { randomNormal, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { EncodedBatch, LogLikelihood } from './batch.js';
import { diagGaussianKl } from './loss/diag-gaussian-kl.js';
import { iwaeBound } from './loss/iwae-bound.js';
import { diagNormalLogProb } from './loss/normal-log-prob.js';
import { priorRegularizer } from './loss/prior-regularizer.js';
import { netGenerative, netPrior, netProposal, type VaeacNets } from './nn/vaeac-nets.js';

/** The per-object terms of the VAEAC objective, each [n]. */
export interface BatchVlbTerms {
  /** log p_θ(x_b | z, x_o, b) at one reparameterized z ~ q_φ(z | x, b). */
  readonly reconstruction: tf.Tensor1D;
  /** KL(q_φ(z | x, b) ‖ p_ψ(z | x_o, b)), closed form. */
  readonly kl: tf.Tensor1D;
  /** The prior network's regularizer R (see priorRegularizer). */
  readonly regularizer: tf.Tensor1D;
  /** reconstruction − kl + regularizer: the training objective per object (maximized). */
  readonly vlb: tf.Tensor1D;
}

/**
 * The VAEAC variational lower bound per object (Ivanov et al. 2019, eq. 4, plus the prior regularizer): the
 * prior runs first (its skip activations feed the generative net in the same pass), z = μ_q + σ_q·ε with ε from
 * `seed`. Differentiable in the network variables. O(n·depth·width²).
 */
export function batchVlbTerms(
  networks: VaeacNets,
  batch: EncodedBatch,
  logLikelihood: LogLikelihood,
  seed: Seed,
): BatchVlbTerms {
  return tf.tidy(() => {
    const prior = netPrior(networks, batch.priorInput);
    const proposal = netProposal(networks, batch.proposalInput);
    const eps = randomNormal(proposal.mu.shape, seed);
    const z = tf.add(proposal.mu, tf.mul(proposal.sigma, eps)) as tf.Tensor2D;
    const params = netGenerative(networks, z, prior);
    const reconstruction = logLikelihood(params, batch.target, batch.recMask);
    const kl = diagGaussianKl(proposal.mu, proposal.sigma, prior.mu, prior.sigma) as tf.Tensor1D;
    const regularizer = priorRegularizer(prior.mu, prior.sigma) as tf.Tensor1D;
    const vlb = tf.add(tf.sub(reconstruction, kl), regularizer) as tf.Tensor1D;
    return { reconstruction, kl, regularizer, vlb };
  });
}

/**
 * The IWAE estimate of log p(x_b | x_o, b) per object with K = `samples` draws z_k ~ q_φ(z | x, b):
 * log (1/K) Σ_k exp(log p_θ(x_b | z_k, ·) + log p_ψ(z_k | ·) − log q_φ(z_k | ·)). [n]. O(K·n·depth·width²).
 */
export function batchIwae(
  networks: VaeacNets,
  batch: EncodedBatch,
  logLikelihood: LogLikelihood,
  samples: number,
  seed: Seed,
): tf.Tensor1D {
  return tf.tidy(() => {
    const prior = netPrior(networks, batch.priorInput);
    const proposal = netProposal(networks, batch.proposalInput);
    const [n, latent] = proposal.mu.shape;
    const eps = randomNormal([samples, n, latent], seed);
    const z = tf.add(proposal.mu, tf.mul(proposal.sigma, eps)); // [K, n, L]
    const tile = <T extends tf.Tensor>(t: T): T => tf.tile(t, [samples, ...t.shape.slice(1).map(() => 1)]) as T;
    const tiledPrior = { ...prior, skips: prior.skips.map(tile), input: tile(prior.input) };
    const params = netGenerative(networks, tf.reshape(z, [samples * n, latent]), tiledPrior);
    const reconstruction = tf.reshape(logLikelihood(params, tile(batch.target), tile(batch.recMask)), [samples, n]);
    const logPrior = diagNormalLogProb(z, prior.mu, prior.sigma);
    const logProposal = diagNormalLogProb(z, proposal.mu, proposal.sigma);
    return iwaeBound(tf.sub(tf.add(reconstruction, logPrior), logProposal)) as tf.Tensor1D;
  });
}
