import type { Seed } from '@proj/core';
import { assertOptions } from '@proj/core';
import type * as tf from '@tensorflow/tfjs-core';
import { BernoulliVae } from './bernoulli-vae.js';
import { logWeights } from './internal/log-weights.js';
import { assertData, assertSampleCount, assertVae, seedOption, widest } from './internal/vae-arguments.js';
import { assertOptionsObject } from './internal/validate.js';

/** Options of {@link vaeLogWeights}. Unknown keys are an error. */
export interface VaeLogWeightsOptions {
  /** Draws S of z per object. */
  readonly samples: number;
  /** Seed of the draws. */
  readonly seed: Seed;
}

/**
 * The log importance weights' two parts for S draws z ~ q(z | x) per object, by the reparameterization trick
 * (z = μ(x) + σ(x)·ε, ε ~ N(0, I) from `seed`): log p(x, z) = log p(x | z) + log p(z) (Bernoulli decoder,
 * standard-normal prior) and log q(z | x). Feed them to {@link robustBound} / {@link robustWeights}.
 * Differentiable w.r.t. the VAE's variables (pathwise); memory-neutral; deterministic for a seed.
 *
 * Shapes: x [B, inputDim] with entries in {0, 1} (values in [0, 1] give the cross-entropy form; not checked);
 * returns {logJoint, logQ}, each [S, B]. Complexity: O(S·B·(Σ encoder/decoder weights)) time, O(S·B·inputDim)
 * memory (the decoder's logits).
 *
 * @param vae the model.
 * @param x binary data, float32 [B, inputDim].
 * @param options `samples` (integer ≥ 1) and `seed`.
 * @throws Error naming `vaeLogWeights` and the argument: a disposed or foreign `vae`, `x` not float32 [B, inputDim],
 *   `samples` not an integer in [1, 2^24] or too large for one tensor, a bad seed, an unknown option key.
 * @example
 * const { logJoint, logQ } = vaeLogWeights(vae, x, { samples: 5, seed: 3 });
 * const bound = robustBound(logJoint, logQ, { logAlpha: -250, k: 5 }); // [B]
 * @see Kingma, Welling, "Auto-Encoding Variational Bayes", ICLR 2014 (reparameterization);
 *   Figurnov, Struminsky, Vetrov, arXiv:1611.09226 (2016).
 * @category VAE
 */
export function vaeLogWeights(
  vae: BernoulliVae,
  x: tf.Tensor2D,
  options: VaeLogWeightsOptions,
): { logJoint: tf.Tensor2D; logQ: tf.Tensor2D } {
  const fn = 'vaeLogWeights';
  const model = assertVae(fn, vae, BernoulliVae);
  const data = assertData(fn, model, x);
  assertOptionsObject(fn, options);
  assertOptions(fn, options, ['samples', 'seed']);
  const samples = assertSampleCount(fn, 'options.samples', options.samples, data.shape[0], widest(model));
  return logWeights(model, data, samples, seedOption(fn, options.seed));
}
