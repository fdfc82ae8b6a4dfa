import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { randomUniform } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { assertParamsObject, checkParam, isProbability, prepareParams, readDistributionOptions } from './params.js';

/** Parameters of {@link bernoulli}: exactly one of `logits` (log-odds, may be ±∞) or `probs` in [0, 1]. */
export type BernoulliParams =
  | { readonly logits: tf.Tensor | tf.TensorLike }
  | { readonly probs: tf.Tensor | tf.TensorLike };

/**
 * The Bernoulli distribution on {0, 1} (samples as float32), parameterized by log-odds: p = σ(logits).
 * log p(1) = −softplus(−logits), log p(0) = −softplus(logits), which stays finite for large |logits|.
 * Not reparameterized.
 */
export class Bernoulli extends Distribution<{ logits: tf.Tensor }> {
  static override readonly family: string = 'Bernoulli';
  readonly reparameterization = 'none';

  constructor(values: BernoulliParams, options: DistributionOptions = {}) {
    const { logits, owned } = toLogits(values, readDistributionOptions('Bernoulli', options));
    super({ logits }, [], logits.shape, owned);
  }

  /** σ(logits), shape `batchShape`. */
  probs(): tf.Tensor {
    return tf.sigmoid(this.params.logits);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return tf.cast(tf.less(randomUniform(shape, seed), tf.sigmoid(this.params.logits)), 'float32');
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const value = stopGradient(x);
    const one = tf.equal(value, 1);
    const inSupport = tf.logicalOr(one, tf.equal(value, 0));
    const logProb = tf.where(
      one,
      tf.neg(tf.softplus(tf.neg(this.params.logits))),
      tf.neg(tf.softplus(this.params.logits)),
    );
    return tf.where(inSupport, logProb, tf.fill(logProb.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const q = tf.sigmoid(tf.neg(this.params.logits));
    const value = stopGradient(x);
    const belowOne = tf.where(tf.less(value, 0), tf.zerosLike(q), q);
    return tf.where(tf.greaterEqual(value, 1), tf.onesLike(belowOne), belowOne);
  }

  protected override meanOf(): tf.Tensor {
    return tf.sigmoid(this.params.logits);
  }

  protected override varianceOf(): tf.Tensor {
    return tf.mul(tf.sigmoid(this.params.logits), tf.sigmoid(tf.neg(this.params.logits)));
  }

  protected override modeOf(): tf.Tensor {
    return tf.cast(tf.greater(stopGradient(this.params.logits), 0), 'float32');
  }

  /**
   * p·softplus(−l) + (1 − p)·softplus(l), and 0 where p is 0 or 1 (l = ±∞: masked before the products, so
   * that neither the value nor its gradient is 0·∞ = NaN).
   */
  protected override entropyOf(): tf.Tensor {
    const l = this.params.logits;
    const finite = tf.isFinite(stopGradient(l));
    const safe = tf.where(finite, l, tf.zerosLike(l));
    const p = tf.sigmoid(safe);
    const value = tf.add(tf.mul(p, tf.softplus(tf.neg(safe))), tf.mul(tf.sub(1, p), tf.softplus(safe)));
    return tf.where(finite, value, tf.zerosLike(value));
  }
}

/** Converts and validates the parameters; `probs` become logits log(p) − log(1 − p) (±∞ at 0 and 1). */
function toLogits(values: unknown, validate: boolean): { logits: tf.Tensor; owned: tf.Tensor[] } {
  const family = 'Bernoulli';
  assertParamsObject(family, values, ['logits', 'probs']);
  if ((values.logits === undefined) === (values.probs === undefined)) {
    throw new Error("Bernoulli: pass exactly one of 'logits' or 'probs'");
  }
  if (values.logits !== undefined) {
    const { params, owned } = prepareParams(family, { logits: values.logits }, ['logits'], ({ logits }) => {
      if (validate) checkParam(family, 'logits', logits, 'a number or ±Infinity (not NaN)', (x) => !Number.isNaN(x));
    });
    return { logits: params.logits, owned };
  }
  const { params, owned } = prepareParams(family, { probs: values.probs }, ['probs'], ({ probs }) => {
    if (validate) checkParam(family, 'probs', probs, 'in [0, 1]', isProbability);
  });
  const logits = tf.tidy(() => tf.sub(tf.log(params.probs), tf.log1p(tf.neg(params.probs))));
  return { logits, owned: [...owned, logits] };
}

/** Bernoulli(p) on {0, 1}; see {@link Bernoulli}. */
export function bernoulli(params: BernoulliParams, options?: DistributionOptions): Bernoulli {
  return new Bernoulli(params, options);
}
