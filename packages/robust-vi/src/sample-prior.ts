import { assertSeed, randomNormal, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { BernoulliVae } from './bernoulli-vae.js';
import { applyMlp } from './internal/mlp.js';
import { assertVae, widest } from './internal/vae-arguments.js';
import { assertInteger, MAX_ELEMENTS } from './internal/validate.js';

/**
 * The decoder's means for `count` latents drawn from the prior z ~ N(0, I): pixel probabilities sigmoid(ℓ(z)),
 * e.g. to look at what a VAE generates. Deterministic for a seed; memory-neutral.
 *
 * Shapes: returns [count, inputDim] in [0, 1]. Complexity: O(count·(Σ decoder weights)).
 *
 * @param vae the model.
 * @param count how many, an integer ≥ 0.
 * @param seed seed of the latents.
 * @throws Error naming `samplePrior` and the argument: a disposed or foreign `vae`, `count` not an integer ≥ 0
 *   (or too large for one tensor), a bad seed.
 * @example
 * const images = samplePrior(vae, 16, 0); // [16, 784]
 * @see Kingma, Welling, "Auto-Encoding Variational Bayes", ICLR 2014.
 * @category VAE
 */
export function samplePrior(vae: BernoulliVae, count: number, seed: Seed): tf.Tensor2D {
  const fn = 'samplePrior';
  const model = assertVae(fn, vae, BernoulliVae);
  assertInteger(fn, 'count', count, 0, Math.floor(MAX_ELEMENTS / widest(model)));
  assertSeed(seed, fn);
  const { latentDim, activation } = model.options;
  return tf.tidy(() =>
    tf.sigmoid(applyMlp(model.decoder, randomNormal([count, latentDim], seed) as tf.Tensor2D, activation)),
  );
}
