import { type Seed, stopGradient } from '@proj/core';
import {
  checkPositiveFinite,
  Distribution,
  type DistributionOptions,
  prepareParams,
  readDistributionOptions,
} from '@proj/core/distributions';
import { digamma, igamma, lgamma } from '@proj/core/special';
import * as tf from '@tensorflow/tfjs-core';
import { drawLogGamma } from '../internal/gamma-draw.js';
import { xlogy } from '../internal/xlogy.js';

/** Parameters of {@link chi2}: degrees of freedom `df` k > 0 (any positive real). */
export interface Chi2Params {
  readonly df: tf.Tensor | tf.TensorLike;
}

/**
 * The chi-squared distribution with k degrees of freedom, Gamma(k/2, rate 1/2): log p(x) = (k/2 − 1) log x − x/2 −
 * (k/2) log 2 − log Γ(k/2) for x ≥ 0, −∞ below. cdf(x) = P(k/2, x/2). Mean k, variance 2k, mode max(k − 2, 0).
 *
 * Sampling (reparameterization `implicit`): x = 2G with G ~ Gamma(k/2, 1) drawn by core's `Gamma`, so
 * ∂x/∂k = ∂G/∂a at a = k/2 (the implicit Gamma gradient). (Draws below 1e-45 round to 0, with finite gradients.)
 */
export class Chi2 extends Distribution<{ df: tf.Tensor }> {
  static override readonly family: string = 'Chi2';
  readonly reparameterization = 'implicit';

  constructor(values: Chi2Params, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Chi2', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('Chi2', values, ['df'], ({ df }) => {
      shape = df.shape;
      if (validate) checkPositiveFinite('Chi2', 'df', df);
    });
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const sampleShape = shape.slice(0, shape.length - this.batchShape.length);
    return tf.mul(2, tf.exp(drawLogGamma(tf.mul(this.params.df, 0.5), sampleShape, seed)));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const half = tf.mul(this.params.df, 0.5);
    const value = stopGradient(x);
    const inside = tf.logicalAnd(tf.greaterEqual(value, 0), tf.isFinite(value));
    const safe = tf.where(inside, x, tf.onesLike(x));
    const log = tf.sub(
      tf.sub(xlogy(tf.sub(half, 1), safe), tf.mul(safe, 0.5)),
      tf.add(tf.mul(half, Math.LN2), lgamma(half)),
    );
    return tf.where(tf.broadcastTo(inside, log.shape), log, tf.fill(log.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const value = igamma(tf.mul(this.params.df, 0.5), tf.mul(tf.relu(x), 0.5));
    return tf.where(tf.broadcastTo(tf.greater(stopGradient(x), 0), value.shape), value, tf.zerosLike(value));
  }

  protected override meanOf(): tf.Tensor {
    return this.params.df;
  }

  protected override varianceOf(): tf.Tensor {
    return tf.mul(this.params.df, 2);
  }

  protected override modeOf(): tf.Tensor {
    return tf.relu(tf.sub(this.params.df, 2));
  }

  /** k/2 + log 2 + log Γ(k/2) + (1 − k/2)ψ(k/2). */
  protected override entropyOf(): tf.Tensor {
    const half = tf.mul(this.params.df, 0.5);
    return tf.add(tf.add(half, Math.LN2), tf.add(lgamma(half), tf.mul(tf.sub(1, half), digamma(half))));
  }
}

/** Chi2(df); see {@link Chi2}. */
export function chi2(params: Chi2Params, options?: DistributionOptions): Chi2 {
  return new Chi2(params, options);
}
