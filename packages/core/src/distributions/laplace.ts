import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { BELOW_ONE, randomUniform } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { broadcastShapes, checkParam, checkPositiveFinite, prepareParams, readDistributionOptions } from './params.js';

/** Parameters of {@link laplace}: `loc` and `scale` b > 0, broadcast together. */
export interface LaplaceParams {
  readonly loc: tf.Tensor | tf.TensorLike;
  readonly scale: tf.Tensor | tf.TensorLike;
}

/**
 * The Laplace (double exponential) distribution, fully reparameterized by inversion:
 * x = loc − b·sign(u)·log(1 − |u|), u ~ U(−1, 1). log p(x) = −log(2b) − |x − loc|/b.
 */
export class Laplace extends Distribution<{ loc: tf.Tensor; scale: tf.Tensor }> {
  static override readonly family: string = 'Laplace';
  readonly reparameterization = 'full';

  constructor(values: LaplaceParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Laplace', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('Laplace', values, ['loc', 'scale'], ({ loc, scale }) => {
      shape = broadcastShapes('Laplace', { loc: loc.shape, scale: scale.shape });
      if (!validate) return;
      checkParam('Laplace', 'loc', loc, 'finite', Number.isFinite);
      checkPositiveFinite('Laplace', 'scale', scale);
    });
    super(params, [], shape, owned);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    const u = randomUniform(shape, seed, { min: -BELOW_ONE, max: BELOW_ONE });
    return tf.sub(this.params.loc, tf.mul(this.params.scale, tf.mul(tf.sign(u), tf.log1p(tf.neg(tf.abs(u))))));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    return tf.neg(
      tf.add(tf.log(tf.mul(2, this.params.scale)), tf.div(tf.abs(tf.sub(x, this.params.loc)), this.params.scale)),
    );
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    const z = tf.div(tf.sub(x, this.params.loc), this.params.scale);
    const tail = tf.mul(0.5, tf.exp(tf.neg(tf.abs(z))));
    return tf.where(tf.less(stopGradient(z), 0), tail, tf.sub(1, tail));
  }

  protected override meanOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override varianceOf(): tf.Tensor {
    return tf.mul(2, tf.square(this.params.scale));
  }

  protected override modeOf(): tf.Tensor {
    return this.params.loc;
  }

  protected override entropyOf(): tf.Tensor {
    return tf.add(tf.log(tf.mul(2, this.params.scale)), 1);
  }
}

/** Laplace(loc, scale); see {@link Laplace}. */
export function laplace(params: LaplaceParams, options?: DistributionOptions): Laplace {
  return new Laplace(params, options);
}
