import { type Seed, stopGradient } from '@proj/core';
import {
  broadcastShapes,
  checkParam,
  checkPositiveFinite,
  Distribution,
  type DistributionOptions,
  prepareParams,
  readDistributionOptions,
} from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import { expandTo } from '../internal/expand-to.js';
import { sampleTruncatedNormal } from '../internal/truncated-normal-sampler.js';

const HALF_LOG_TWO_PI_E = 0.5 * Math.log(2 * Math.PI * Math.E);

/**
 * Parameters of {@link truncatedNormal}: `loc` μ (finite), `scale` σ > 0 and absolute bounds `low` < `high` (either
 * may be infinite), broadcast together.
 */
export interface TruncatedNormalParams {
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly scale: tf.Tensor | tf.TensorLike;
  readonly low: tf.Tensor | tf.TensorLike;
  readonly high: tf.Tensor | tf.TensorLike;
}

/** Φ(x) through erf. */
function ndtr(x: tf.Tensor): tf.Tensor {
  return tf.mul(0.5, tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
}

/** φ(x), 0 at ±∞. */
function normalDensity(x: tf.Tensor): tf.Tensor {
  return tf.mul(Math.sqrt(0.5 / Math.PI), tf.exp(tf.mul(-0.5, tf.square(x))));
}

/** x·φ(x), 0 at ±∞ (not ∞·0). */
function xDensity(x: tf.Tensor): tf.Tensor {
  const finite = tf.isFinite(stopGradient(x));
  const safe = tf.where(finite, x, tf.zerosLike(x));
  return tf.where(finite, tf.mul(safe, normalDensity(safe)), tf.zerosLike(x));
}

/**
 * The normal distribution N(μ, σ²) restricted to [low, high]: with a = (low − μ)/σ, b = (high − μ)/σ, ε = (x − μ)/σ
 * and Z = Φ(b) − Φ(a), log p(x) = −ε²/2 − log σ − ½ log 2π − log Z on [low, high] (−∞ outside), cdf
 * (Φ(ε) − Φ(a))/Z, mean μ + σ(φ(a) − φ(b))/Z, variance σ²(1 + (aφ(a) − bφ(b))/Z − ((φ(a) − φ(b))/Z)²), mode μ clipped to
 * [low, high], entropy
 * log(√(2πe)σZ) + (aφ(a) − bφ(b))/(2Z). Densities and moments use Φ through float32 erf (mirrored to the lower tail
 * when a > 0), accurate while the interval holds more than about 1e-5 of the mass.
 *
 * Sampling (reparameterization `implicit`): the inverse CDF in float64 on the host, with the implicit gradients in
 * all four parameters, ∂x/∂low = (1 − u)e^((ε² − a²)/2), ∂x/∂high = u·e^((ε² − b²)/2), ∂x/∂μ = 1 − ∂x/∂low −
 * ∂x/∂high, ∂x/∂σ = ε − a·∂x/∂low − b·∂x/∂high, u = F(x) (the bounds' dependence on μ and σ included: TF's
 * registered gradient omits it).
 */
export class TruncatedNormal extends Distribution<{
  loc: tf.Tensor;
  scale: tf.Tensor;
  low: tf.Tensor;
  high: tf.Tensor;
}> {
  static override readonly family: string = 'TruncatedNormal';
  readonly reparameterization = 'implicit';

  constructor(values: TruncatedNormalParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('TruncatedNormal', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('TruncatedNormal', values, ['loc', 'scale', 'low', 'high'], (p) => {
      shape = broadcastShapes('TruncatedNormal', {
        loc: p.loc.shape,
        scale: p.scale.shape,
        low: p.low.shape,
        high: p.high.shape,
      });
      if (!validate) return;
      checkParam('TruncatedNormal', 'loc', p.loc, 'finite', Number.isFinite);
      checkPositiveFinite('TruncatedNormal', 'scale', p.scale);
      const ordered = tf.tidy(() => tf.cast(tf.less(p.low, p.high), 'float32'));
      try {
        checkParam('TruncatedNormal', 'low', ordered, "below 'high' (no NaN)", (x) => x === 1);
      } finally {
        ordered.dispose();
      }
    });
    super(params, [], shape, owned);
  }

  /** Standardized bounds a, b and the mass Z = Φ(b) − Φ(a) (mirrored when a > 0). */
  private standardized(): { a: tf.Tensor; b: tf.Tensor; mass: tf.Tensor; flip: tf.Tensor } {
    const { loc, scale, low, high } = this.params;
    const a = tf.div(tf.sub(low, loc), scale);
    const b = tf.div(tf.sub(high, loc), scale);
    const flip = tf.greater(stopGradient(a), 0);
    const mass = tf.where(flip, tf.sub(ndtr(tf.neg(a)), ndtr(tf.neg(b))), tf.sub(ndtr(b), ndtr(a)));
    return { a, b, mass, flip };
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const { loc, scale, low, high } = this.params;
    const batch = [loc, scale, low, high].map((t) => expandTo(t, this.batchShape));
    const size = shape.reduce((m, n) => m * n, 1);
    const op = tf.customGrad((...inputs) => {
      const [mu, sigma, lo, hi] = (inputs.slice(0, 4) as tf.Tensor[]).map((t) => t.dataSync());
      const draws = sampleTruncatedNormal(mu!, sigma!, lo!, hi!, size, seed);
      // ∂L/∂θⱼ = Σ over the draws of batch element j of dyᵢ·∂xᵢ/∂θ, in float64 on the host.
      const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
        const upstream = dy.dataSync();
        return [draws.dLoc, draws.dScale, draws.dLow, draws.dHigh].map((partials) => {
          const sums = new Float64Array(mu!.length);
          for (let i = 0; i < size; i++) sums[i % sums.length]! += upstream[i]! * partials[i]!;
          return tf.tensor(Float32Array.from(sums), [...this.batchShape], 'float32');
        });
      };
      return { value: tf.tensor(draws.values, shape, 'float32'), gradFunc };
    });
    return op(...(batch as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const { loc, scale, low, high } = this.params;
    const epsilon = tf.div(tf.sub(x, loc), scale);
    const log = tf.sub(tf.mul(-0.5, tf.square(epsilon)), tf.add(tf.log(scale), tf.log(this.standardized().mass)));
    const value = stopGradient(x);
    const inside = tf.logicalAnd(tf.greaterEqual(value, low), tf.lessEqual(value, high));
    const result = tf.sub(log, 0.5 * Math.log(2 * Math.PI));
    return tf.where(tf.broadcastTo(inside, result.shape), result, tf.fill(result.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const { loc, scale } = this.params;
    const { a, b, mass, flip } = this.standardized();
    const epsilon = tf.minimum(tf.maximum(tf.div(tf.sub(x, loc), scale), a), b);
    const below = tf.where(flip, tf.sub(ndtr(tf.neg(a)), ndtr(tf.neg(epsilon))), tf.sub(ndtr(epsilon), ndtr(a)));
    return tf.clipByValue(tf.div(below, mass), 0, 1);
  }

  protected override meanOf(): tf.Tensor {
    const { a, b, mass } = this.standardized();
    const shift = tf.div(tf.sub(normalDensity(a), normalDensity(b)), mass);
    return tf.add(this.params.loc, tf.mul(this.params.scale, shift));
  }

  protected override varianceOf(): tf.Tensor {
    const { a, b, mass } = this.standardized();
    const shift = tf.div(tf.sub(normalDensity(a), normalDensity(b)), mass);
    const spread = tf.div(tf.sub(xDensity(a), xDensity(b)), mass);
    return tf.mul(tf.square(this.params.scale), tf.sub(tf.add(1, spread), tf.square(shift)));
  }

  protected override modeOf(): tf.Tensor {
    const { loc, low, high } = this.params;
    return tf.minimum(tf.maximum(loc, low), high);
  }

  protected override entropyOf(): tf.Tensor {
    const { a, b, mass } = this.standardized();
    const spread = tf.div(tf.sub(xDensity(a), xDensity(b)), tf.mul(2, mass));
    return tf.add(tf.add(HALF_LOG_TWO_PI_E, tf.log(tf.mul(this.params.scale, mass))), spread);
  }
}

/** TruncatedNormal(loc, scale, low, high); see {@link TruncatedNormal}. */
export function truncatedNormal(params: TruncatedNormalParams, options?: DistributionOptions): TruncatedNormal {
  return new TruncatedNormal(params, options);
}
