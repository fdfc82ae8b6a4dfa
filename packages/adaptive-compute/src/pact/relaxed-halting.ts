import { assertOptions, assertSeed, randomUniform, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensor, assertNumber } from '../internal/validate.js';

/** Options of {@link relaxedHalting}. */
export interface RelaxedHaltingOptions {
  /** Concrete temperature λ ≥ 0; default 0.5. λ = 0: deterministic thresholding z = [logit > 0] (no noise). */
  readonly temperature?: number;
  /** Seed of the logistic noise (required when λ > 0). */
  readonly seed?: Seed;
}

/**
 * Relaxed Bernoulli (Concrete, Gumbel-sigmoid) halting variables of PACT: z̃ = sigmoid((logit + L)/λ) with
 * L = log U − log(1 − U) logistic noise, U ~ Uniform(0, 1) drawn from `seed` (same seed, same z̃). As λ → 0
 * z̃ becomes a Bernoulli(sigmoid(logit)) draw; at λ = 0 this returns the MAP value [logit > 0] = [h > 0.5]
 * with no noise, the deterministic test-time rule. Differentiable in the logits for λ > 0.
 *
 * Complexity: O(size), about 8 kernels. Maddison et al. / Jang et al., ICLR 2017; Figurnov, Sobolev, Vetrov,
 * _Probabilistic Adaptive Computation Time_, 2017.
 *
 * @throws Error naming `relaxedHalting` and the argument for logits that are not float32, λ < 0 or not
 *   finite, a missing or bad seed when λ > 0, unknown option keys.
 * @example
 * const z = relaxedHalting(logits, { temperature: 0.5, seed: 7 }); // in (0, 1), same shape as logits
 */
export function relaxedHalting(logits: tf.Tensor, options: RelaxedHaltingOptions = {}): tf.Tensor {
  const fn = 'relaxedHalting';
  assertOptions(fn, options, ['temperature', 'seed']);
  assertFloatTensor(logits, fn, 'logits', 'of any shape');
  const temperature = assertNumber(
    options.temperature ?? 0.5,
    fn,
    'options.temperature',
    'a finite number ≥ 0',
    (t) => t >= 0,
  );
  if (temperature === 0) return tf.tidy(() => tf.cast(tf.greater(logits, 0), 'float32'));
  if (options.seed === undefined)
    throw new Error(`${fn}: argument 'options.seed' is required when the temperature is above 0`);
  assertSeed(options.seed, fn, 'options.seed');
  const uniform = randomUniform(logits.shape, options.seed, { min: 1e-7, max: 1 - 1e-7 });
  return tf.tidy(() => {
    const noise = tf.sub(tf.log(uniform), tf.log1p(tf.neg(uniform)));
    uniform.dispose();
    return tf.sigmoid(tf.div(tf.add(logits, noise), temperature));
  });
}
