import * as tf from '@tensorflow/tfjs-core';
import { randomNormal } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { broadcastShapes, checkParam, checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Parameters of {@link multivariateNormalDiag}: `loc` [..., d] and `scaleDiag` [..., d] (> 0), broadcast. */
export interface MultivariateNormalDiagParams {
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly scaleDiag: tf.Tensor | tf.TensorLike;
}

/**
 * A multivariate normal with diagonal covariance diag(scaleDiag²): event shape [d] (the last axis),
 * fully reparameterized. log p sums the d univariate normal terms. The usual VAE posterior and prior.
 */
export class MultivariateNormalDiag extends Distribution<{ loc: tf.Tensor; scaleDiag: tf.Tensor }> {
  static override readonly family: string = 'MultivariateNormalDiag';
  readonly reparameterization = 'full';

  constructor(values: MultivariateNormalDiagParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('MultivariateNormalDiag', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('MultivariateNormalDiag', values, ['loc', 'scaleDiag'], (params) => {
      shape = broadcastShapes('MultivariateNormalDiag', { loc: params.loc.shape, scaleDiag: params.scaleDiag.shape });
      if (params.loc.rank < 1 && params.scaleDiag.rank < 1) {
        throw new Error(
          "MultivariateNormalDiag: parameters 'loc' and 'scaleDiag' need a last (event) axis, got scalars",
        );
      }
      if (!validate) return;
      checkParam('MultivariateNormalDiag', 'loc', params.loc, 'finite', Number.isFinite);
      checkPositiveFinite('MultivariateNormalDiag', 'scaleDiag', params.scaleDiag);
    });
    super(params, shape.slice(-1), shape.slice(0, -1), owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return tf.add(this.params.loc, tf.mul(this.params.scaleDiag, randomNormal(shape, seed)));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const z = tf.div(tf.sub(x, this.params.loc), this.params.scaleDiag);
    const perDimension = tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(tf.log(this.params.scaleDiag), HALF_LOG_TWO_PI));
    return tf.sum(perDimension, -1);
  }

  protected override meanOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override varianceOf(): tf.Tensor {
    return tf.square(this.params.scaleDiag);
  }

  protected override modeOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override entropyOf(): tf.Tensor {
    const perDimension = tf.add(tf.log(this.params.scaleDiag), 0.5 + HALF_LOG_TWO_PI);
    return tf.sum(tf.broadcastTo(perDimension, [...this.batchShape, ...this.eventShape]), -1);
  }
}

/** N(loc, diag(scaleDiag²)) over the last axis; see {@link MultivariateNormalDiag}. */
export function multivariateNormalDiag(
  params: MultivariateNormalDiagParams,
  options?: DistributionOptions,
): MultivariateNormalDiag {
  return new MultivariateNormalDiag(params, options);
}
