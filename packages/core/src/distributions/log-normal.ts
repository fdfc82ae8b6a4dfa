import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { randomNormal } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { broadcastShapes, checkParam, checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Parameters of {@link logNormal}: `loc` and `scale` (> 0) of the underlying normal log X. */
export interface LogNormalParams {
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly scale: tf.Tensor | tf.TensorLike;
}

/**
 * The log-normal distribution: X = exp(loc + scale·ε), ε ~ N(0, 1), fully reparameterized. Support x > 0;
 * log p(x) = log N(log x; loc, scale) − log x.
 */
export class LogNormal extends Distribution<{ loc: tf.Tensor; scale: tf.Tensor }> {
  static override readonly family: string = 'LogNormal';
  readonly reparameterization = 'full';

  constructor(values: LogNormalParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('LogNormal', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('LogNormal', values, ['loc', 'scale'], (params) => {
      shape = broadcastShapes('LogNormal', { loc: params.loc.shape, scale: params.scale.shape });
      if (!validate) return;
      checkParam('LogNormal', 'loc', params.loc, 'finite', Number.isFinite);
      checkPositiveFinite('LogNormal', 'scale', params.scale);
    });
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return tf.exp(tf.add(this.params.loc, tf.mul(this.params.scale, randomNormal(shape, seed))));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const positive = tf.greater(stopGradient(x), 0);
    const logX = tf.log(tf.where(positive, x, tf.onesLike(x)));
    const z = tf.div(tf.sub(logX, this.params.loc), this.params.scale);
    const inside = tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(tf.add(tf.log(this.params.scale), HALF_LOG_TWO_PI), logX));
    return tf.where(positive, inside, tf.fill(inside.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const positive = tf.greater(stopGradient(x), 0);
    const logX = tf.log(tf.where(positive, x, tf.onesLike(x)));
    const z = tf.div(tf.sub(logX, this.params.loc), tf.mul(this.params.scale, Math.SQRT2));
    const inside = tf.mul(0.5, tf.add(1, tf.erf(z)));
    return tf.where(positive, inside, tf.zerosLike(inside));
  }

  protected override meanOf(): tf.Tensor {
    return tf.exp(tf.add(this.params.loc, tf.mul(0.5, tf.square(this.params.scale))));
  }

  protected override varianceOf(): tf.Tensor {
    const s2 = tf.square(this.params.scale);
    return tf.mul(tf.expm1(s2), tf.exp(tf.add(tf.mul(2, this.params.loc), s2)));
  }

  protected override modeOf(): tf.Tensor {
    return tf.exp(tf.sub(this.params.loc, tf.square(this.params.scale)));
  }

  protected override entropyOf(): tf.Tensor {
    return tf.add(tf.add(this.params.loc, tf.log(this.params.scale)), 0.5 + HALF_LOG_TWO_PI);
  }
}

/** exp(N(loc, scale²)); see {@link LogNormal}. */
export function logNormal(params: LogNormalParams, options?: DistributionOptions): LogNormal {
  return new LogNormal(params, options);
}
