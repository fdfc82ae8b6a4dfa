import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import type { Seed } from '../random/seed.js';
import { igammac, lgamma } from '../special/index.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';
import { samplePoisson } from './poisson-sampler.js';

/** Parameters of {@link poisson}: `rate` λ > 0. */
export interface PoissonParams {
  readonly rate: tf.Tensor | tf.TensorLike;
}

/**
 * The Poisson distribution on {0, 1, 2, ...} (samples as float32 counts). log p(k) = k log λ − λ − log k!;
 * −∞ for negative or non-integer k. cdf(x) = Q(⌊x⌋ + 1, λ), the regularized upper incomplete gamma.
 * Sampling is exact, on the host: inversion for λ < 10, transformed rejection (PTRS, Hörmann 1993) above.
 * Not reparameterized; no closed-form entropy.
 */
export class Poisson extends Distribution<{ rate: tf.Tensor }> {
  static override readonly family: string = 'Poisson';
  readonly reparameterization = 'none';

  constructor(values: PoissonParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Poisson', options);
    const { params, owned } = prepareParams('Poisson', values, ['rate'], ({ rate }) => {
      if (validate) checkPositiveFinite('Poisson', 'rate', rate);
    });
    super(params, [], params.rate.shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const rates = tf.broadcastTo(this.params.rate, shape).dataSync();
    return tf.tensor(samplePoisson(rates, seed), shape, 'float32');
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const k = stopGradient(x);
    // k = +∞ is no count (−∞), not ∞·log λ − lgamma(∞) = NaN.
    const valid = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(k, 0), tf.equal(k, tf.floor(k))), tf.isFinite(k));
    const count = tf.where(valid, k, tf.zerosLike(k));
    const value = tf.sub(tf.sub(tf.mul(count, tf.log(this.params.rate)), this.params.rate), lgamma(tf.add(count, 1)));
    return tf.where(valid, value, tf.fill(value.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const k = tf.floor(stopGradient(x));
    const nonNegative = tf.greaterEqual(k, 0);
    const value = igammac(tf.add(tf.where(nonNegative, k, tf.zerosLike(k)), 1), this.params.rate);
    return tf.where(nonNegative, value, tf.zerosLike(value));
  }

  protected override meanOf(): tf.Tensor {
    return this.params.rate;
  }

  protected override varianceOf(): tf.Tensor {
    return this.params.rate;
  }

  protected override modeOf(): tf.Tensor {
    return tf.floor(this.params.rate);
  }
}

/** Poisson(rate); see {@link Poisson}. */
export function poisson(params: PoissonParams, options?: DistributionOptions): Poisson {
  return new Poisson(params, options);
}
