import * as tf from '@tensorflow/tfjs-core';
import { randomNormal } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { broadcastShapes, checkParam, checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Parameters of {@link normal}: mean `loc` and standard deviation `scale` (> 0), broadcast together. */
export interface NormalParams {
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly scale: tf.Tensor | tf.TensorLike;
}

/**
 * The normal distribution N(loc, scale²), fully reparameterized: x = loc + scale·ε, ε ~ N(0, 1).
 * log p(x) = −((x − loc)/scale)²/2 − log scale − log(2π)/2. Scalar events; batch = broadcast(loc, scale).
 */
export class Normal extends Distribution<{ loc: tf.Tensor; scale: tf.Tensor }> {
  static override readonly family: string = 'Normal';
  readonly reparameterization = 'full';

  constructor(values: NormalParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Normal', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('Normal', values, ['loc', 'scale'], (params) => {
      shape = broadcastShapes('Normal', { loc: params.loc.shape, scale: params.scale.shape });
      if (!validate) return;
      checkParam('Normal', 'loc', params.loc, 'finite', Number.isFinite);
      checkPositiveFinite('Normal', 'scale', params.scale);
    });
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return tf.add(this.params.loc, tf.mul(this.params.scale, randomNormal(shape, seed)));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const z = tf.div(tf.sub(x, this.params.loc), this.params.scale);
    return tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(tf.log(this.params.scale), HALF_LOG_TWO_PI));
  }

  /** Φ((x − loc)/scale) through erf; absolute accuracy about 1e-7, so deep tails read as 0 or 1. */
  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const z = tf.div(tf.sub(x, this.params.loc), tf.mul(this.params.scale, Math.SQRT2));
    return tf.mul(0.5, tf.add(1, tf.erf(z)));
  }

  protected override meanOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override varianceOf(): tf.Tensor {
    return tf.square(this.params.scale);
  }

  protected override modeOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override entropyOf(): tf.Tensor {
    return tf.add(tf.log(this.params.scale), 0.5 + HALF_LOG_TWO_PI);
  }
}

/** N(loc, scale²); see {@link Normal}. */
export function normal(params: NormalParams, options?: DistributionOptions): Normal {
  return new Normal(params, options);
}
