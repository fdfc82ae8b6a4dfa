import { assertOptions, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { BernoulliVae } from './bernoulli-vae.js';
import { boundOptions } from './internal/bound-arguments.js';
import { logWeights } from './internal/log-weights.js';
import { assertData, assertSampleCount, assertVae, seedOption, widest } from './internal/vae-arguments.js';
import { assertOptionsObject, shown } from './internal/validate.js';
import { robustBound } from './robust-bound.js';

/** The objective of {@link vaeLoss}. */
export type VaeObjective = 'elbo' | 'iwae' | 'robust';

/** Options of {@link vaeLoss}. Unknown keys are an error. */
export interface VaeLossOptions {
  /** 'elbo' (k = 1, averaged over the samples), 'iwae' (k = samples) or 'robust' ({@link robustBound}). */
  readonly objective: VaeObjective;
  /** Draws S of z per object; default 1. */
  readonly samples?: number;
  /** Samples per importance group; default 1 for 'elbo', S otherwise. For 'elbo' it must be 1, for 'iwae' S. */
  readonly k?: number;
  /** log α of the robust bound (required for 'robust'; for 'elbo' and 'iwae' only −Infinity is allowed). */
  readonly logAlpha?: number;
  /** Seed of the draws. */
  readonly seed: Seed;
}

const KEYS = ['objective', 'samples', 'k', 'logAlpha', 'seed'];

/**
 * The training loss of a {@link BernoulliVae}: minus the mean over the B objects of the chosen per-object bound
 * on S reparameterized draws ({@link vaeLogWeights}): 'elbo' the ELBO averaged over the S draws, 'iwae' the
 * importance-weighted bound log (1/S) Σ wₛ, 'robust' {@link robustBound} with `logAlpha` and `k` (the paper's
 * rVAE objective; equal to 'elbo'/'iwae' as log α → −∞). Differentiable w.r.t. the VAE's variables; a scalar to
 * minimise (`optimizer.minimize(() => vaeLoss(...))`); memory-neutral; deterministic for a seed.
 *
 * Shapes: x [B, inputDim] in {0, 1}; returns a scalar. Complexity: O(S·B·(Σ encoder/decoder weights)) time,
 * O(S·B·inputDim) memory.
 *
 * @param vae the model.
 * @param x binary data, float32 [B, inputDim], B ≥ 1.
 * @param options `objective`, `samples` (default 1), `k`, `logAlpha` (robust only), `seed`.
 * @throws Error naming `vaeLoss` and the argument: a disposed or foreign `vae`, bad `x` or B = 0, an unknown
 *   objective, `samples` not an integer ≥ 1, `k` not dividing S (or ≠ 1 for 'elbo', ≠ S for 'iwae'), `logAlpha`
 *   missing or NaN/+∞ for 'robust' or finite for the others, a bad seed, an unknown option key.
 * @example
 * const optimizer = tf.train.adam(1e-3);
 * optimizer.minimize(() => vaeLoss(vae, x, { objective: 'robust', samples: 1, logAlpha: -250, seed: step }), false, vaeVariables(vae));
 * @see Figurnov, Struminsky, Vetrov, "Robust Variational Inference", arXiv:1611.09226 (2016); Burda, Grosse,
 *   Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016.
 * @category VAE
 */
export function vaeLoss(vae: BernoulliVae, x: tf.Tensor2D, options: VaeLossOptions): tf.Scalar {
  const fn = 'vaeLoss';
  const model = assertVae(fn, vae, BernoulliVae);
  const data = assertData(fn, model, x);
  if (data.shape[0] < 1)
    throw new Error(`${fn}: argument 'x' must hold at least one object, got shape [0,${data.shape[1]}]`);
  assertOptionsObject(fn, options);
  assertOptions(fn, options, KEYS);
  const { objective, samples: s = 1, k, logAlpha } = options;
  if (objective !== 'elbo' && objective !== 'iwae' && objective !== 'robust') {
    throw new Error(`${fn}: option 'objective' must be 'elbo', 'iwae' or 'robust', got ${shown(objective)}`);
  }
  const samples = assertSampleCount(fn, 'options.samples', s, data.shape[0], widest(model));
  const seed = seedOption(fn, options.seed);
  const groupSize = k ?? (objective === 'elbo' ? 1 : samples);
  if (objective === 'elbo' && groupSize !== 1) {
    throw new Error(`${fn}: option 'k' must be 1 (or absent) for objective 'elbo', got ${shown(k)}; use 'robust'`);
  }
  if (objective === 'iwae' && groupSize !== samples) {
    throw new Error(
      `${fn}: option 'k' must equal samples = ${samples} (or be absent) for objective 'iwae', got ${shown(k)}`,
    );
  }
  if (objective !== 'robust' && logAlpha !== undefined && logAlpha !== Number.NEGATIVE_INFINITY) {
    throw new Error(
      `${fn}: option 'logAlpha' applies to objective 'robust' only (for '${objective}' it may be -Infinity or absent), got ${shown(logAlpha)}`,
    );
  }
  if (objective === 'robust' && logAlpha === undefined) {
    throw new Error(`${fn}: option 'logAlpha' is required for objective 'robust' (a finite number, or -Infinity)`);
  }
  const bound = { logAlpha: logAlpha ?? Number.NEGATIVE_INFINITY, k: groupSize };
  // Checked before any tensor exists, so an error leaves nothing behind.
  boundOptions(fn, samples, bound);
  return tf.tidy(() => {
    const { logJoint, logQ } = logWeights(model, data, samples, seed);
    return tf.neg(tf.mean(robustBound(logJoint, logQ, bound))) as tf.Scalar;
  });
}
