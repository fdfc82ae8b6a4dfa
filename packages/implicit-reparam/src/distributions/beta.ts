import { type Seed, splitSeed, stopGradient } from '@proj/core';
import {
  broadcastShapes,
  checkPositiveFinite,
  Distribution,
  type DistributionOptions,
  prepareParams,
  readDistributionOptions,
} from '@proj/core/distributions';
import { betainc, digamma, logBeta } from '@proj/core/special';
import * as tf from '@tensorflow/tfjs-core';
import { implicitGradient } from '../implicit-gradient.js';
import { expandTo } from '../internal/expand-to.js';
import { drawLogGamma } from '../internal/gamma-draw.js';
import { registerKlOnce } from '../internal/register-kl-once.js';
import { xlogy } from '../internal/xlogy.js';

/** Parameters of {@link beta}: concentrations a = `concentration1` > 0 and b = `concentration0` > 0. */
export interface BetaParams {
  readonly concentration1: tf.Tensor | tf.TensorLike;
  readonly concentration0: tf.Tensor | tf.TensorLike;
}

/** Options of {@link beta}: core's `validateArgs`, and which implicit gradient the draws carry. */
export interface BetaOptions extends DistributionOptions {
  /**
   * `'gammas'` (default): x = G₁/(G₁ + G₀) differentiated through the two Gammas' implicit gradients.
   * `'marginal'`: the same draws with the implicit gradient of the Beta CDF itself, ∂x/∂θ = −(∂I_x(a, b)/∂θ)/p(x)
   * (core's `betainc` and its parameter derivatives); the paper's marginal route, one gradient per draw.
   */
  readonly route?: 'gammas' | 'marginal';
}

/** x with the implicit gradient of the Beta CDF I_x(a, b) attached ({@link implicitGradient}); a, b of x's shape. */
function attachMarginalGradient(x: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const logDensity = (z: tf.Tensor, p: tf.Tensor, q: tf.Tensor) =>
    tf.sub(tf.add(tf.mul(tf.sub(p, 1), tf.log(z)), tf.mul(tf.sub(q, 1), tf.log1p(tf.neg(z)))), logBeta(p, q));
  return implicitGradient(
    (z, p, q) => betainc(p!, q!, z),
    (z, p, q) => tf.exp(logDensity(z, p!, q!)),
  )(x, a, b);
}

/**
 * The beta distribution on [0, 1]: log p(x) = (a − 1) log x + (b − 1) log(1 − x) − log B(a, b) (−∞ outside
 * [0, 1]; at 0 and 1 the limits, +∞ for a or b below 1). Mean a/(a + b), variance ab/((a + b)²(a + b + 1)).
 *
 * Sampling (reparameterization `implicit`): x = G₁/(G₁ + G₀) with G₁ ~ Gamma(a), G₀ ~ Gamma(b) drawn by core's
 * `Gamma` with their implicit reparameterization gradients, so ∂x/∂a = (1 − x)(∂G₁/∂a)/(G₁ + G₀) and
 * ∂x/∂b = −x(∂G₀/∂b)/(G₁ + G₀) (unbiased pathwise gradients; per sample they differ from the marginal-CDF
 * implicit gradient, a different coupling). The Gammas are drawn in log space and x = σ(log G₁ − log G₀), so
 * samples and gradients stay finite for tiny concentrations. KL(Beta ‖ Beta) is registered with core's `kl`.
 * `cdf` is core's regularized incomplete beta function I_x(a, b) (`betainc`; 0 below 0, 1 above 1),
 * differentiable in x, a and b.
 */
export class Beta extends Distribution<{ concentration1: tf.Tensor; concentration0: tf.Tensor }> {
  static override readonly family: string = 'Beta';
  readonly reparameterization = 'implicit';
  /** Which implicit gradient the draws carry ({@link BetaOptions}). */
  readonly route: 'gammas' | 'marginal';

  constructor(values: BetaParams, options: BetaOptions = {}) {
    const validate = readDistributionOptions('Beta', options, ['route']);
    const route = options.route ?? 'gammas';
    if (route !== 'gammas' && route !== 'marginal') {
      throw new Error(`Beta: option 'route' must be 'gammas' or 'marginal', got ${String(route)}`);
    }
    let shape: number[] = [];
    const { params, owned } = prepareParams('Beta', values, ['concentration1', 'concentration0'], (p) => {
      shape = broadcastShapes('Beta', {
        concentration1: p.concentration1.shape,
        concentration0: p.concentration0.shape,
      });
      if (!validate) return;
      checkPositiveFinite('Beta', 'concentration1', p.concentration1);
      checkPositiveFinite('Beta', 'concentration0', p.concentration0);
    });
    super(params, [], shape, owned);
    this.route = route;
    registerKlOnce(Beta, Beta, betaKl);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const [seed1, seed0] = splitSeed(seed, 2) as [Seed, Seed];
    const sampleShape = shape.slice(0, shape.length - this.batchShape.length);
    const log1 = drawLogGamma(expandTo(this.params.concentration1, this.batchShape), sampleShape, seed1);
    const log0 = drawLogGamma(expandTo(this.params.concentration0, this.batchShape), sampleShape, seed0);
    const x = tf.sigmoid(tf.sub(log1, log0));
    if (this.route === 'gammas') return x;
    const { concentration1: a, concentration0: b } = this.params;
    return attachMarginalGradient(stopGradient(x), expandTo(a, shape), expandTo(b, shape));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const { concentration1: a, concentration0: b } = this.params;
    const value = stopGradient(x);
    const inside = tf.logicalAnd(tf.greaterEqual(value, 0), tf.lessEqual(value, 1));
    const safe = tf.where(inside, x, tf.fill(x.shape, 0.5));
    const log = tf.sub(tf.add(xlogy(tf.sub(a, 1), safe), xlogy(tf.sub(b, 1), tf.sub(1, safe))), logBeta(a, b));
    return tf.where(tf.broadcastTo(inside, log.shape), log, tf.fill(log.shape, Number.NEGATIVE_INFINITY));
  }

  /** I_x(a, b) at x clipped to [0, 1], so 0 below the support and 1 above it (gradient 0 there). */
  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const { concentration1: a, concentration0: b } = this.params;
    return betainc(a, b, tf.clipByValue(x, 0, 1));
  }

  protected override meanOf(): tf.Tensor {
    const { concentration1: a, concentration0: b } = this.params;
    return tf.div(a, tf.add(a, b));
  }

  protected override varianceOf(): tf.Tensor {
    const { concentration1: a, concentration0: b } = this.params;
    const total = tf.add(a, b);
    return tf.div(tf.mul(a, b), tf.mul(tf.square(total), tf.add(total, 1)));
  }

  /** log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b). */
  protected override entropyOf(): tf.Tensor {
    const { concentration1: a, concentration0: b } = this.params;
    const total = tf.add(a, b);
    const terms = tf.add(tf.mul(tf.sub(a, 1), digamma(a)), tf.mul(tf.sub(b, 1), digamma(b)));
    return tf.add(tf.sub(logBeta(a, b), terms), tf.mul(tf.sub(total, 2), digamma(total)));
  }
}

/**
 * KL(Beta(a, b) ‖ Beta(c, d)) = log B(c, d) − log B(a, b) + (a − c)ψ(a) + (b − d)ψ(b) + (c − a + d − b)ψ(a + b).
 */
function betaKl(p: Beta, q: Beta): tf.Tensor {
  const { concentration1: a, concentration0: b } = p.params;
  const { concentration1: c, concentration0: d } = q.params;
  const first = tf.add(tf.mul(tf.sub(a, c), digamma(a)), tf.mul(tf.sub(b, d), digamma(b)));
  const total = tf.mul(tf.sub(tf.add(c, d), tf.add(a, b)), digamma(tf.add(a, b)));
  return tf.add(tf.sub(logBeta(c, d), logBeta(a, b)), tf.add(first, total));
}

/** Beta(concentration1, concentration0); see {@link Beta} and {@link BetaOptions}. */
export function beta(params: BetaParams, options?: BetaOptions): Beta {
  return new Beta(params, options);
}
