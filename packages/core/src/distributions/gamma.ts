import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import type { Seed } from '../random/seed.js';
import { digamma, igamma, lgamma } from '../special/index.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { gammaImplicitSample } from './gamma-implicit-sample.js';
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
 * Tsang 2000). Reparameterization `implicit` (as TFP's Gamma): `sample` is differentiable in both parameters
 * by implicit reparameterization gradients (Figurnov, Mohamed, Mnih 2018), ∂x/∂a = −(∂F(x)/∂a)/p(x) within
 * 1e-10 relative for a ∈ [1e-3, 1e4] (`standardGammaGradientAt`, float64), and ∂x/∂β = −x/β; apply
 * `stopGradient` to draws that must carry none. {@link Gamma.logSample} draws their logarithms in log space,
 * finite where the draws underflow (a ≪ 1). `@proj/implicit-reparam` builds Beta, Dirichlet and more on it.
 */
export class Gamma extends Distribution<{ concentration: tf.Tensor; rate: tf.Tensor }> {
  static override readonly family: string = 'Gamma';
  readonly reparameterization = 'implicit';

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

  /**
   * The logarithms of the draws of {@link Distribution.sample} for the same seed, computed in log space: finite
   * where the draws underflow to 0 (in float32 a Gamma(0.01) draw is 0 in about 40% of cases), with
   * ∂ log x/∂a = (∂x/∂a)/x evaluated in log space (`standardGammaLogGradientAt`) and ∂ log x/∂β = −1/β
   * (TFP's `tfp.random.gamma(..., log_space=True)`). Shape [...sampleShape, ...batchShape]; cost as `sample`.
   *
   * @throws Error naming `Gamma.logSample` for a bad seed or sampleShape (as {@link Distribution.sample}).
   */
  logSample(sampleShape: readonly number[], seed: Seed): tf.Tensor {
    const shape = this.checkSampleArgs('logSample', sampleShape, seed);
    return tf.tidy(() => gammaImplicitSample(this.params.concentration, this.params.rate, shape, seed, true));
  }

  /** Implicitly reparameterized draws, differentiable in both parameters ({@link gammaImplicitSample}). */
  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return gammaImplicitSample(this.params.concentration, this.params.rate, shape, seed, false);
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
