import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { randomExponential } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

/** Parameters of {@link exponential}: `rate` λ > 0. */
export interface ExponentialParams {
  readonly rate: tf.Tensor | tf.TensorLike;
}

/**
 * The exponential distribution with rate λ, fully reparameterized by inversion: x = −log(u)/λ,
 * u ~ U(0, 1) (kept away from 0 and 1, so samples are finite and positive). log p(x) = log λ − λx for x ≥ 0, −∞ below.
 */
export class Exponential extends Distribution<{ rate: tf.Tensor }> {
  static override readonly family: string = 'Exponential';
  readonly reparameterization = 'full';

  constructor(values: ExponentialParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Exponential', options);
    const { params, owned } = prepareParams('Exponential', values, ['rate'], ({ rate }) => {
      if (validate) checkPositiveFinite('Exponential', 'rate', rate);
    });
    super(params, [], params.rate.shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return tf.div(randomExponential(shape, seed), this.params.rate);
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const value = tf.sub(tf.log(this.params.rate), tf.mul(this.params.rate, x));
    return tf.where(tf.greaterEqual(stopGradient(x), 0), value, tf.fill(value.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const value = tf.neg(tf.expm1(tf.neg(tf.mul(this.params.rate, tf.relu(x)))));
    return tf.where(tf.greaterEqual(stopGradient(x), 0), value, tf.zerosLike(value));
  }

  protected override meanOf(): tf.Tensor {
    return tf.reciprocal(this.params.rate);
  }

  protected override varianceOf(): tf.Tensor {
    return tf.reciprocal(tf.square(this.params.rate));
  }

  protected override modeOf(): tf.Tensor {
    return tf.zerosLike(this.params.rate);
  }

  protected override entropyOf(): tf.Tensor {
    return tf.sub(1, tf.log(this.params.rate));
  }
}

/** Exponential(rate); see {@link Exponential}. */
export function exponential(params: ExponentialParams, options?: DistributionOptions): Exponential {
  return new Exponential(params, options);
}
