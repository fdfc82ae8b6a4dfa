import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { randomExponential } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { lgamma } from '../special/index.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { broadcastShapes, checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

const EULER_GAMMA = 0.5772156649015329;

/** Parameters of {@link weibull}: shape `concentration` k > 0 and `scale` λ > 0, broadcast together. */
export interface WeibullParams {
  readonly concentration: tf.Tensor | tf.TensorLike;
  readonly scale: tf.Tensor | tf.TensorLike;
}

/**
 * The Weibull distribution with concentration k and scale λ (scipy's `weibull_min(c=k, scale=λ)`, TFP's
 * `Weibull`): log p(x) = log k − log λ + (k − 1) log(x/λ) − (x/λ)^k for x > 0 (at x = 0: +∞ for k < 1,
 * −log λ for k = 1, −∞ for k > 1), −∞ below; cdf(x) = 1 − exp(−(x/λ)^k). In the rate form of the MC-gradient
 * survey's table, p(x) = kθx^(k−1)e^(−θx^k) with θ = λ^(−k). Mean λΓ(1 + 1/k), variance
 * λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²). With k = 2, λ = √2 it is the Rayleigh distribution, density w·e^(−w²/2).
 *
 * Fully reparameterized by inversion: x = λ·(−log u)^(1/k), u ~ U[2⁻¹²⁶, 1 − 2⁻²⁴], so that x is finite and
 * positive (x = 0 would make the gradient in k NaN). Not −log(1 − u): tfjs draws uniforms in float64 and
 * rounds them to float32, so u = 1 happens, about once in 10⁷ draws, and −log(1 − u) would be +∞.
 */
export class Weibull extends Distribution<{ concentration: tf.Tensor; scale: tf.Tensor }> {
  static override readonly family: string = 'Weibull';
  readonly reparameterization = 'full';

  constructor(values: WeibullParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Weibull', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams(
      'Weibull',
      values,
      ['concentration', 'scale'],
      ({ concentration, scale }) => {
        shape = broadcastShapes('Weibull', { concentration: concentration.shape, scale: scale.shape });
        if (!validate) return;
        checkPositiveFinite('Weibull', 'concentration', concentration);
        checkPositiveFinite('Weibull', 'scale', scale);
      },
    );
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const exponential = randomExponential(shape, seed);
    return tf.mul(this.params.scale, tf.pow(exponential, tf.reciprocal(this.params.concentration)));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const { concentration: k, scale } = this.params;
    const value = stopGradient(x);
    // x = +∞ has density 0 (−∞), not (k − 1)·∞ − ∞ = NaN.
    const positive = tf.logicalAnd(tf.greater(value, 0), tf.isFinite(value));
    const logZ = tf.sub(tf.log(tf.where(positive, x, tf.onesLike(x))), tf.log(scale));
    const inside = tf.sub(
      tf.add(tf.sub(tf.log(k), tf.log(scale)), tf.mul(tf.sub(k, 1), logZ)),
      tf.exp(tf.mul(k, logZ)),
    );
    // At x = 0, (k − 1)·log x is +∞, 0 or −∞ as k is below, at or above 1; at k = 1 the density is 1/λ.
    const side = tf.sign(tf.sub(stopGradient(k), 1));
    const atZero = tf.where(
      tf.equal(side, 0),
      tf.broadcastTo(tf.neg(tf.log(scale)), inside.shape),
      tf.mul(tf.neg(side), Number.POSITIVE_INFINITY),
    );
    const outside = tf.where(tf.equal(value, 0), atZero, tf.fill(inside.shape, Number.NEGATIVE_INFINITY));
    return tf.where(positive, inside, outside);
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const z = tf.div(tf.relu(x), this.params.scale);
    return tf.neg(tf.expm1(tf.neg(tf.pow(z, this.params.concentration))));
  }

  protected override meanOf(): tf.Tensor {
    return tf.mul(this.params.scale, this.gammaOfOnePlus(1));
  }

  protected override varianceOf(): tf.Tensor {
    const first = this.gammaOfOnePlus(1);
    return tf.mul(tf.square(this.params.scale), tf.sub(this.gammaOfOnePlus(2), tf.square(first)));
  }

  /** λ((k − 1)/k)^(1/k) for k > 1, 0 for k ≤ 1. */
  protected override modeOf(): tf.Tensor {
    const k = this.params.concentration;
    const value = tf.mul(this.params.scale, tf.pow(tf.div(tf.relu(tf.sub(k, 1)), k), tf.reciprocal(k)));
    return tf.where(tf.greater(stopGradient(k), 1), value, tf.zerosLike(value));
  }

  /** γ(1 − 1/k) + log(λ/k) + 1, γ the Euler–Mascheroni constant. */
  protected override entropyOf(): tf.Tensor {
    const k = this.params.concentration;
    return tf.add(
      tf.mul(EULER_GAMMA, tf.sub(1, tf.reciprocal(k))),
      tf.add(tf.sub(tf.log(this.params.scale), tf.log(k)), 1),
    );
  }

  /** Γ(1 + n/k). */
  private gammaOfOnePlus(n: number): tf.Tensor {
    return tf.exp(lgamma(tf.add(1, tf.div(n, this.params.concentration))));
  }
}

/** Weibull(concentration, scale); see {@link Weibull}. */
export function weibull(params: WeibullParams, options?: DistributionOptions): Weibull {
  return new Weibull(params, options);
}
