import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { randomUniform } from '../random/random-ops.js';
import type { Seed } from '../random/seed.js';
import { Distribution, type DistributionOptions } from './distribution.js';
import { broadcastShapes, checkParam, isPositive, prepareParams, readDistributionOptions } from './params.js';

/** Parameters of {@link uniform}: `low` < `high`, broadcast together. */
export interface UniformParams {
  readonly low: tf.Tensor | tf.TensorLike;
  readonly high: tf.Tensor | tf.TensorLike;
}

/**
 * The continuous uniform distribution on [low, high], fully reparameterized: x = low + (high − low)·u,
 * u ~ U[0, 1). log p = −log(high − low) on the closed interval (as scipy), −∞ outside.
 */
export class Uniform extends Distribution<{ low: tf.Tensor; high: tf.Tensor }> {
  static override readonly family: string = 'Uniform';
  readonly reparameterization = 'full';

  constructor(values: UniformParams, options: DistributionOptions = {}) {
    const validate = readDistributionOptions('Uniform', options);
    let shape: number[] = [];
    const { params, owned } = prepareParams('Uniform', values, ['low', 'high'], ({ low, high }) => {
      shape = broadcastShapes('Uniform', { low: low.shape, high: high.shape });
      if (!validate) return;
      checkParam('Uniform', 'low', low, 'finite', Number.isFinite);
      checkParam('Uniform', 'high', high, 'finite', Number.isFinite);
      const width = tf.tidy(() => tf.sub(high, low));
      try {
        checkParam('Uniform', 'high − low', width, 'positive (low < high)', isPositive);
      } finally {
        width.dispose();
      }
    });
    super(params, [], shape, owned);
  }

  private width(): tf.Tensor {
    return tf.sub(this.params.high, this.params.low);
  }

  protected sampleN(shape: number[], seed: Seed): tf.Tensor {
    return tf.add(this.params.low, tf.mul(this.width(), randomUniform(shape, seed)));
  }

  protected logProbOf(x: tf.Tensor): tf.Tensor {
    const value = stopGradient(x);
    const inside = tf.logicalAnd(
      tf.greaterEqual(value, stopGradient(this.params.low)),
      tf.lessEqual(value, stopGradient(this.params.high)),
    );
    const density = tf.broadcastTo(tf.neg(tf.log(this.width())), inside.shape);
    return tf.where(inside, density, tf.fill(inside.shape, Number.NEGATIVE_INFINITY));
  }

  protected override cdfOf(x: tf.Tensor): tf.Tensor {
    return tf.clipByValue(tf.div(tf.sub(x, this.params.low), this.width()), 0, 1);
  }

  protected override meanOf(): tf.Tensor {
    return tf.mul(0.5, tf.add(this.params.low, this.params.high));
  }

  protected override varianceOf(): tf.Tensor {
    return tf.div(tf.square(this.width()), 12);
  }

  protected override entropyOf(): tf.Tensor {
    return tf.log(this.width());
  }
}

/** U[low, high]; see {@link Uniform}. */
export function uniform(params: UniformParams, options?: DistributionOptions): Uniform {
  return new Uniform(params, options);
}
