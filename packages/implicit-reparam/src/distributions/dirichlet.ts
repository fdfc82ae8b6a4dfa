import { type Seed, stopGradient } from '@proj/core';
import {
  checkPositiveFinite,
  Distribution,
  type DistributionOptions,
  prepareParams,
  readDistributionOptions,
} from '@proj/core/distributions';
import { digamma, lgamma } from '@proj/core/special';
import * as tf from '@tensorflow/tfjs-core';
import { drawLogGamma } from '../internal/gamma-draw.js';
import { registerKlOnce } from '../internal/register-kl-once.js';
import { xlogy } from '../internal/xlogy.js';

/** Parameters of {@link dirichlet}: `concentration` α of shape [...batch, K], K ≥ 2, every element > 0. */
export interface DirichletParams {
  readonly concentration: tf.Tensor | tf.TensorLike;
}

/** log B(α) = Σ log Γ(αₖ) − log Γ(α₀) over the last axis, α₀ = Σ αₖ. */
function logMultivariateBeta(alpha: tf.Tensor): tf.Tensor {
  return tf.sub(tf.sum(lgamma(alpha), -1), lgamma(tf.sum(alpha, -1)));
}

/**
 * The Dirichlet distribution on the simplex of dimension K (events of shape [K]): log p(x) = Σ (αₖ − 1) log xₖ −
 * log B(α) for xₖ ≥ 0 (−∞ where some xₖ < 0; the sum to one is not checked). Mean α/α₀, variance
 * α(α₀ − α)/(α₀²(α₀ + 1)).
 *
 * Sampling (reparameterization `implicit`): xₖ = Gₖ/Σⱼ Gⱼ with independent Gₖ ~ Gamma(αₖ) drawn by core's
 * `Gamma` with implicit gradients, so ∂xᵢ/∂αⱼ = (δᵢⱼ − xᵢ)(∂Gⱼ/∂αⱼ)/Σ G: every column of the Jacobian sums to 0
 * and samples stay on the simplex. KL(Dirichlet ‖ Dirichlet) is registered with core's `kl`. The Gammas are drawn in log space and x = softmax(log G), so samples
 * and gradients stay finite for αₖ ≪ 1.
 */
export class Dirichlet extends Distribution<{ concentration: tf.Tensor }> {
  static override readonly family: string = 'Dirichlet';
  readonly reparameterization = 'implicit';

  constructor(values: DirichletParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Dirichlet', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('Dirichlet', values, ['concentration'], ({ concentration }) => {
      if (concentration.rank < 1 || concentration.shape[concentration.rank - 1]! < 2) {
        throw new Error(
          `Dirichlet: parameter 'concentration' must have a last axis of at least 2 categories, got shape [${concentration.shape.join(',')}]`,
        );
      }
      shape = concentration.shape;
      if (validate) checkPositiveFinite('Dirichlet', 'concentration', concentration);
    });
    super(params, shape.slice(-1), shape.slice(0, -1), owned);
    registerKlOnce(Dirichlet, Dirichlet, dirichletKl);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const alpha = this.params.concentration;
    return tf.softmax(drawLogGamma(alpha, shape.slice(0, shape.length - alpha.rank), seed));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const alpha = this.params.concentration;
    const inside = tf.all(tf.greaterEqual(stopGradient(x), 0), -1);
    const safe = tf.where(tf.greaterEqual(stopGradient(x), 0), x, tf.onesLike(x));
    const log = tf.sub(tf.sum(xlogy(tf.sub(alpha, 1), safe), -1), logMultivariateBeta(alpha));
    return tf.where(tf.broadcastTo(inside, log.shape), log, tf.fill(log.shape, Number.NEGATIVE_INFINITY));
  }

  protected override meanOf(): tf.Tensor {
    const alpha = this.params.concentration;
    return tf.div(alpha, tf.sum(alpha, -1, true));
  }

  protected override varianceOf(): tf.Tensor {
    const alpha = this.params.concentration;
    const total = tf.sum(alpha, -1, true);
    return tf.div(tf.mul(alpha, tf.sub(total, alpha)), tf.mul(tf.square(total), tf.add(total, 1)));
  }

  /** log B(α) + (α₀ − K)ψ(α₀) − Σ (αₖ − 1)ψ(αₖ). */
  protected override entropyOf(): tf.Tensor {
    const alpha = this.params.concentration;
    const total = tf.sum(alpha, -1);
    const k = alpha.shape[alpha.rank - 1]!;
    const terms = tf.sum(tf.mul(tf.sub(alpha, 1), digamma(alpha)), -1);
    return tf.sub(tf.add(logMultivariateBeta(alpha), tf.mul(tf.sub(total, k), digamma(total))), terms);
  }
}

/**
 * KL(Dir(α) ‖ Dir(β)) = log B(β) − log B(α) + Σ (αₖ − βₖ)(ψ(αₖ) − ψ(α₀)). The two must have the same K.
 */
function dirichletKl(p: Dirichlet, q: Dirichlet): tf.Tensor {
  const [alpha, beta] = [p.params.concentration, q.params.concentration];
  const digammaTotal = digamma(tf.sum(alpha, -1, true));
  const cross = tf.sum(tf.mul(tf.sub(alpha, beta), tf.sub(digamma(alpha), digammaTotal)), -1);
  return tf.add(tf.sub(logMultivariateBeta(beta), logMultivariateBeta(alpha)), cross);
}

/** Dirichlet(concentration); see {@link Dirichlet}. */
export function dirichlet(params: DirichletParams, options?: DistributionOptions): Dirichlet {
  return new Dirichlet(params, options);
}
