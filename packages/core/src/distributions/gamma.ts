import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import type { Seed } from '../random/seed.js';
import { digamma, igamma, lgamma } from '../special/index.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { sampleGamma } from './gamma-sampler.js';
import { broadcastShapes, checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

/** Parameters of {@link gamma}: shape `concentration` a > 0 and inverse scale `rate` β > 0, broadcast together. */
export interface GammaParams {
  readonly concentration: tf.Tensor | tf.TensorLike;
  readonly rate: tf.Tensor | tf.TensorLike;
}

/**
 * The gamma distribution with concentration a and rate β: log p(x) = a log β + (a − 1) log x − βx − log Γ(a)
 * for x > 0 (at x = 0: +∞ for a < 1, log β for a = 1, −∞ for a > 1), −∞ below. cdf(x) = P(a, βx), the
 * regularized lower incomplete gamma. Mean a/β, variance a/β², mode (a − 1)/β for a ≥ 1 and 0 below.
 *
 * Sampling is exact, on the host: Marsaglia–Tsang for a ≥ 1, boosted by U^(1/a) below (Marsaglia and
 * Tsang 2000). Reparameterization `none` for now: samples carry no gradient (implicit reparameterization
 * gradients come with `@proj/implicit-reparam`); use score-function or measure-valued estimators.
 */
export class Gamma extends Distribution<{ concentration: tf.Tensor; rate: tf.Tensor }> {
  static override readonly family: string = 'Gamma';
  readonly reparameterization = 'none';

  constructor(values: GammaParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Gamma', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('Gamma', values, ['concentration', 'rate'], ({ concentration, rate }) => {
      shape = broadcastShapes('Gamma', { concentration: concentration.shape, rate: rate.shape });
      if (!validate) return;
      checkPositiveFinite('Gamma', 'concentration', concentration);
      checkPositiveFinite('Gamma', 'rate', rate);
    });
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const concentrations = tf.broadcastTo(this.params.concentration, shape).dataSync();
    const rates = tf.broadcastTo(this.params.rate, shape).dataSync();
    return tf.tensor(sampleGamma(concentrations, rates, seed), shape, 'float32');
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const { concentration: a, rate } = this.params;
    const value = stopGradient(x);
    // x = +∞ is outside the support (−∞), not (a − 1)·∞ − β·∞ = NaN.
    const positive = tf.logicalAnd(tf.greater(value, 0), tf.isFinite(value));
    const logX = tf.log(tf.where(positive, x, tf.onesLike(x)));
    const finiteX = tf.where(tf.isFinite(value), x, tf.onesLike(x));
    const inside = tf.sub(
      tf.add(tf.mul(a, tf.log(rate)), tf.sub(tf.mul(tf.sub(a, 1), logX), tf.mul(rate, finiteX))),
      lgamma(a),
    );
    // At x = 0, (a − 1)·log x is +∞, 0 or −∞ as a is below, at or above 1 (`inside` has log x = 0 there).
    const side = tf.sign(tf.sub(stopGradient(a), 1));
    const atZero = tf.where(tf.equal(side, 0), inside, tf.mul(tf.neg(side), Number.POSITIVE_INFINITY));
    const outside = tf.where(tf.equal(value, 0), atZero, tf.fill(inside.shape, Number.NEGATIVE_INFINITY));
    return tf.where(positive, inside, outside);
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const value = igamma(this.params.concentration, tf.mul(this.params.rate, tf.relu(x)));
    return tf.where(tf.broadcastTo(tf.greater(stopGradient(x), 0), value.shape), value, tf.zerosLike(value));
  }

  protected override meanOf(): tf.Tensor {
    return tf.div(this.params.concentration, this.params.rate);
  }

  protected override varianceOf(): tf.Tensor {
    return tf.div(this.params.concentration, tf.square(this.params.rate));
  }

  protected override modeOf(): tf.Tensor {
    return tf.div(tf.relu(tf.sub(this.params.concentration, 1)), this.params.rate);
  }

  /** a − log β + log Γ(a) + (1 − a)ψ(a). */
  protected override entropyOf(): tf.Tensor {
    const a = this.params.concentration;
    return tf.add(tf.sub(a, tf.log(this.params.rate)), tf.add(lgamma(a), tf.mul(tf.sub(1, a), digamma(a))));
  }
}

/** Gamma(concentration, rate); see {@link Gamma}. */
export function gamma(params: GammaParams, options?: DistributionOptions): Gamma {
  return new Gamma(params, options);
}
