import { randomNormal, type Seed, splitSeed, stopGradient } from '@proj/core';
import {
  broadcastShapes,
  checkParam,
  checkPositiveFinite,
  Distribution,
  type DistributionOptions,
  prepareParams,
  readDistributionOptions,
} from '@proj/core/distributions';
import { betainc, digamma, lgamma, logBeta } from '@proj/core/special';
import * as tf from '@tensorflow/tfjs-core';
import { expandTo } from '../internal/expand-to.js';
import { drawLogGamma } from '../internal/gamma-draw.js';

/** Parameters of {@link studentT}: degrees of freedom `df` ν > 0, `loc` μ (finite), `scale` σ > 0, broadcast together. */
export interface StudentTParams {
  readonly df: tf.Tensor | tf.TensorLike;
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly scale: tf.Tensor | tf.TensorLike;
}

/**
 * Student's t distribution: log p(x) = log Γ((ν + 1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ − ((ν + 1)/2)·log(1 + y²/ν),
 * y = (x − μ)/σ. Mean μ (NaN for ν ≤ 1), variance σ²ν/(ν − 2) (+∞ for 1 < ν ≤ 2, NaN for ν ≤ 1), mode μ.
 *
 * Sampling (reparameterization `implicit`), as TFP: x = μ + σ·ε/√(2G/ν) with ε ~ N(0, 1) and G ~ Gamma(ν/2, 1) drawn
 * by core's `Gamma` in log space; ∂x/∂μ = 1 and ∂x/∂σ = (x − μ)/σ explicitly, ∂x/∂ν through the implicit Gamma
 * gradient plus the explicit √ν factor. For ν ≲ 0.1 a fair share of draws lie beyond the float32 range (the
 * tails decay as |x|^−ν) and round to ±∞. `cdf` is written with core's regularized incomplete beta function
 * (`betainc`), relatively accurate in both tails and near the center, differentiable in x, μ, σ and ν.
 */
export class StudentT extends Distribution<{ df: tf.Tensor; loc: tf.Tensor; scale: tf.Tensor }> {
  static override readonly family: string = 'StudentT';
  readonly reparameterization = 'implicit';

  constructor(values: StudentTParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('StudentT', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('StudentT', values, ['df', 'loc', 'scale'], (p) => {
      shape = broadcastShapes('StudentT', { df: p.df.shape, loc: p.loc.shape, scale: p.scale.shape });
      if (!validate) return;
      checkPositiveFinite('StudentT', 'df', p.df);
      checkParam('StudentT', 'loc', p.loc, 'finite', Number.isFinite);
      checkPositiveFinite('StudentT', 'scale', p.scale);
    });
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const { df, loc, scale } = this.params;
    const [gammaSeed, normalSeed] = splitSeed(seed, 2) as [Seed, Seed];
    const sampleShape = shape.slice(0, shape.length - this.batchShape.length);
    const logGamma = drawLogGamma(expandTo(tf.mul(df, 0.5), this.batchShape), sampleShape, gammaSeed);
    // 1/√(2G/ν) = exp(−½(log G + log 2 − log ν)).
    const inverseRoot = tf.exp(tf.mul(-0.5, tf.sub(tf.add(logGamma, Math.LN2), tf.log(df))));
    return tf.add(loc, tf.mul(scale, tf.mul(randomNormal(shape, normalSeed), inverseRoot)));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const { df, loc, scale } = this.params;
    const y = tf.div(tf.sub(x, loc), scale);
    const half = tf.mul(tf.add(df, 1), 0.5);
    const normalizer = tf.sub(
      tf.sub(lgamma(half), lgamma(tf.mul(df, 0.5))),
      tf.add(tf.mul(0.5, tf.log(tf.mul(df, Math.PI))), tf.log(scale)),
    );
    return tf.sub(normalizer, tf.mul(half, tf.log1p(tf.div(tf.square(y), df))));
  }

  /**
   * F = P(T > |y|) for y < 0 and 1 − P(T > |y|) otherwise, y = (x − μ)/σ, with the tail probability
   * P(T > |y|) = ½ I_t(ν/2, ½), t = ν/(ν + y²), for y² ≥ ν, and ½ − ½ I_z(½, ν/2), z = y²/(ν + y²), for
   * y² < ν, where t would round to 1 (DLMF 8.17.4; the split TFP and Boost use). Each branch gets a safe
   * argument (z = t = ½) where the other is used, so no infinite partial meets a zero gradient; at y = 0
   * the value is ½ with slope the density at 0.
   */
  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const { df, loc, scale } = this.params;
    const standard = tf.div(tf.sub(x, loc), scale);
    const shape = tf.backend_util.assertAndGetBroadcastShape(standard.shape, df.shape);
    const y = tf.broadcastTo(standard, shape);
    const nu = tf.broadcastTo(df, shape);
    const fixedY = stopGradient(y);
    const central = tf.less(tf.square(fixedY), stopGradient(nu));
    const zero = tf.equal(fixedY, 0);
    const root = tf.sqrt(nu);
    const yTail = tf.where(central, root, y);
    const yCentral = tf.where(tf.logicalAnd(central, tf.logicalNot(zero)), y, root);
    const tail = tf.mul(0.5, betainc(tf.mul(nu, 0.5), 0.5, tf.div(nu, tf.add(nu, tf.square(yTail)))));
    const squared = tf.square(yCentral);
    const inner = tf.mul(0.5, betainc(0.5, tf.mul(nu, 0.5), tf.div(squared, tf.add(nu, squared))));
    const upper = tf.where(central, tf.sub(0.5, inner), tail);
    const cdf = tf.where(tf.less(fixedY, 0), upper, tf.sub(1, upper));
    // ½ + p(0)·(y − y): the value ½, the slope p(0) = Γ((ν + 1)/2)/(Γ(ν/2)√(νπ)).
    const logDensityAtZero = tf.sub(
      tf.sub(lgamma(tf.mul(tf.add(nu, 1), 0.5)), lgamma(tf.mul(nu, 0.5))),
      tf.mul(0.5, tf.log(tf.mul(nu, Math.PI))),
    );
    const atZero = tf.add(0.5, tf.mul(tf.exp(logDensityAtZero), tf.sub(y, fixedY)));
    return tf.where(zero, atZero, cdf);
  }

  protected override meanOf(): tf.Tensor {
    const { df, loc } = this.params;
    return tf.where(
      tf.greater(stopGradient(df), 1),
      expandTo(loc, this.batchShape),
      tf.fill([...this.batchShape], NaN),
    );
  }

  protected override varianceOf(): tf.Tensor {
    const { df, scale } = this.params;
    const fixed = stopGradient(df);
    const finite = tf.div(tf.mul(tf.square(scale), df), tf.sub(df, 2));
    const infinite = tf.where(tf.greater(fixed, 1), tf.fill(finite.shape, Infinity), tf.fill(finite.shape, NaN));
    return tf.where(tf.greater(fixed, 2), finite, infinite);
  }

  protected override modeOf(): tf.Tensor {
    return this.params.loc;
  }

  /** ((ν + 1)/2)(ψ((ν + 1)/2) − ψ(ν/2)) + ½ log ν + log B(ν/2, ½) + log σ. */
  protected override entropyOf(): tf.Tensor {
    const { df, scale } = this.params;
    const half = tf.mul(df, 0.5);
    const upper = tf.add(half, 0.5);
    const digammas = tf.mul(upper, tf.sub(digamma(upper), digamma(half)));
    return tf.add(
      tf.add(digammas, tf.mul(0.5, tf.log(df))),
      tf.add(logBeta(half, tf.fill(half.shape, 0.5)), tf.log(scale)),
    );
  }
}

/** StudentT(df, loc, scale); see {@link StudentT}. */
export function studentT(params: StudentTParams, options?: DistributionOptions): StudentT {
  return new StudentT(params, options);
}
