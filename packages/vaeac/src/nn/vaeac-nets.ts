import * as tf from '@tensorflow/tfjs-core';
import { type ConvNetworks, convGenerative, convNetworkVariables, convPrior, convProposal } from './conv-networks.js';
import {
  type DiagGaussian,
  generativeForward,
  type Networks,
  networkVariables,
  type PriorOutput,
  priorForward,
  proposalForward,
} from './networks.js';

/** The three VAEAC networks: residual MLPs (tables, images) or small convolutional nets (images). */
export type VaeacNets = Networks | ConvNetworks;

/** The prior p_ψ(z | x_o, b) of either kind; input [n, priorInputWidth] (flat). */
export function netPrior(nets: VaeacNets, input: tf.Tensor2D): PriorOutput {
  return nets.kind === 'mlp' ? priorForward(nets, input) : convPrior(nets, input);
}

/** The proposal q_φ(z | x, b) of either kind; input [n, proposalInputWidth] (flat). */
export function netProposal(nets: VaeacNets, input: tf.Tensor2D): DiagGaussian {
  return nets.kind === 'mlp' ? proposalForward(nets, input) : convProposal(nets, input);
}

/** The generative network of either kind: z [n, L] and the prior's output → parameters [n, outputWidth]. */
export function netGenerative(nets: VaeacNets, z: tf.Tensor2D, prior: PriorOutput): tf.Tensor2D {
  return nets.kind === 'mlp' ? generativeForward(nets, z, prior) : convGenerative(nets, z, prior);
}

/** Every variable of the networks, in a fixed order. */
export function netVariables(nets: VaeacNets): tf.Variable[] {
  return nets.kind === 'mlp' ? networkVariables(nets) : convNetworkVariables(nets);
}

/**
 * The prior's output for `input` with every intermediate freed (a tidy); free it with {@link disposePrior}
 * (the input stays the caller's). For sampling several z per object from one prior pass.
 */
export function keptPrior(nets: VaeacNets, input: tf.Tensor2D): PriorOutput {
  return tf.tidy(() => netPrior(nets, input) as unknown as tf.TensorContainer) as unknown as PriorOutput;
}

/** Frees what {@link keptPrior} made: μ, σ and the skip activations. */
export function disposePrior(prior: PriorOutput): void {
  tf.dispose([prior.mu, prior.sigma, ...prior.skips]);
}
