import { type Seed, stopGradient } from '@proj/core';
import {
  broadcastShapes,
  checkParam,
  checkPositiveFinite,
  Distribution,
  type DistributionOptions,
  prepareParams,
  readDistributionOptions,
  Uniform,
} from '@proj/core/distributions';
import { i0e, i1e } from '@proj/core/special';
import * as tf from '@tensorflow/tfjs-core';
import { expandTo } from '../internal/expand-to.js';
import { registerKlOnce } from '../internal/register-kl-once.js';
import { vonMisesCdfOp, vonMisesRsample } from '../internal/von-mises-rsample.js';

const TWO_PI = 2 * Math.PI;
const LOG_TWO_PI = Math.log(TWO_PI);

/** Parameters of {@link vonMises}: mean direction `loc` (finite) and `concentration` κ > 0, broadcast together. */
export interface VonMisesParams {
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly concentration: tf.Tensor | tf.TensorLike;
}

/** x − 2π·round(x/2π): the representative in [−π, π] (the shift carries no gradient). */
function wrap(x: tf.Tensor): tf.Tensor {
  return tf.sub(x, tf.mul(TWO_PI, tf.round(tf.div(stopGradient(x), TWO_PI))));
}

/**
 * The von Mises distribution on the circle, samples in [−π, π]: log p(x) = κ cos(x − μ) − log(2π I₀(κ)) for every
 * real x (periodic; computed with I0e, no overflow for large κ). cdf(x) = F(x − μ; κ) (Hill 1977; 0.5 at x = μ,
 * +1 per whole period, so it is the CDF on [μ − π, μ + π]). Mean μ, variance the circular variance
 * 1 − I₁(κ)/I₀(κ), mode μ, entropy κ(1 − I₁/I₀) + log(2π I0e(κ)).
 *
 * Sampling (reparameterization `implicit`): z ~ vM(0, κ) by Best and Fisher's rejection sampler on the host,
 * x = wrap(μ + z); ∂x/∂μ = 1 and ∂x/∂κ = −(∂F(z; κ)/∂κ)/p(z; κ) with ∂F/∂κ by forward-mode differentiation of
 * Hill's series (κ < 10.5) or of his corrected normal approximation (Figurnov, Mohamed, Mnih 2018). KL(vM ‖
 * Uniform(low, high)) is registered with core's `kl`: log(high − low) − H(vM) when [−π, π] ⊆ [low, high], else +∞.
 */
export class VonMises extends Distribution<{ loc: tf.Tensor; concentration: tf.Tensor }> {
  static override readonly family: string = 'VonMises';
  readonly reparameterization = 'implicit';

  constructor(values: VonMisesParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('VonMises', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('VonMises', values, ['loc', 'concentration'], (p) => {
      shape = broadcastShapes('VonMises', { loc: p.loc.shape, concentration: p.concentration.shape });
      if (!validate) return;
      checkParam('VonMises', 'loc', p.loc, 'finite', Number.isFinite);
      checkPositiveFinite('VonMises', 'concentration', p.concentration);
    });
    super(params, [], shape, owned);
    registerKlOnce(VonMises, Uniform, vonMisesUniformKl);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const z = vonMisesRsample(expandTo(this.params.concentration, this.batchShape), shape, seed);
    return wrap(tf.add(this.params.loc, z));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const { loc, concentration: kappa } = this.params;
    const cosine = tf.sub(tf.cos(tf.sub(x, loc)), 1);
    return tf.sub(tf.mul(kappa, cosine), tf.add(tf.log(i0e(kappa)), LOG_TWO_PI));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const { loc, concentration } = this.params;
    const y = tf.sub(x, loc);
    const shape = tf.backend_util.assertAndGetBroadcastShape(y.shape, concentration.shape);
    return vonMisesCdfOp(expandTo(y, shape), expandTo(concentration, shape));
  }

  protected override meanOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override varianceOf(): tf.Tensor {
    const kappa = this.params.concentration;
    return tf.sub(1, tf.div(i1e(kappa), i0e(kappa)));
  }

  protected override modeOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override entropyOf(): tf.Tensor {
    const kappa = this.params.concentration;
    const i0 = i0e(kappa);
    return tf.add(tf.mul(kappa, tf.sub(1, tf.div(i1e(kappa), i0))), tf.add(tf.log(i0), LOG_TWO_PI));
  }
}

/** KL(vM ‖ Uniform(low, high)) = log(high − low) − H(vM) where [−π, π] ⊆ [low, high], else +∞. */
function vonMisesUniformKl(p: VonMises, q: Uniform): tf.Tensor {
  const { low, high } = q.params as { low: tf.Tensor; high: tf.Tensor };
  const value = tf.sub(tf.log(tf.sub(high, low)), p.entropy());
  const covers = tf.logicalAnd(tf.lessEqual(stopGradient(low), -Math.PI), tf.greaterEqual(stopGradient(high), Math.PI));
  return tf.where(tf.broadcastTo(covers, value.shape), value, tf.fill(value.shape, Number.POSITIVE_INFINITY));
}

/** VonMises(loc, concentration); see {@link VonMises}. */
export function vonMises(params: VonMisesParams, options?: DistributionOptions): VonMises {
  return new VonMises(params, options);
}
