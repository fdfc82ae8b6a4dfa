import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { variableOf } from '../internal/init.js';
import { assertBoolean, assertFloatTensor, assertInstance, assertInteger } from '../internal/validate.js';

/** Momentum of the moving averages and ε of batch normalization (mfigurnov/sact: decay 0.9, ε 1e-3). */
const MOMENTUM = 0.9;
const EPSILON = 1e-3;

/** Batch-normalization parameters over C channels: scale γ and offset β (trainable), moving statistics (not). */
export class BatchNormParams {
  constructor(
    /** γ [C], trainable, starts at 1. */
    readonly gamma: tf.Variable,
    /** β [C], trainable, starts at 0. */
    readonly beta: tf.Variable,
    /** Moving mean [C], not trainable, updated by {@link batchNorm} in training. */
    readonly movingMean: tf.Variable,
    /** Moving variance [C], not trainable, updated by {@link batchNorm} in training. */
    readonly movingVariance: tf.Variable,
  ) {}
}

/**
 * Fresh batch-normalization parameters for `channels` channels (γ = 1, β = 0, moving mean 0, variance 1).
 * Free them with `tf.dispose(Object.values(params))`. O(C).
 *
 * @throws Error naming `createBatchNorm` and `channels` for anything but an integer in [1, 2^20].
 */
export function createBatchNorm(channels: number): BatchNormParams {
  assertInteger(channels, 'createBatchNorm', 'channels', 1);
  return new BatchNormParams(
    variableOf(() => tf.ones([channels]), true),
    variableOf(() => tf.zeros([channels]), true),
    variableOf(() => tf.zeros([channels]), false),
    variableOf(() => tf.ones([channels]), false),
  );
}

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /** Normalize with the batch statistics and update the moving averages (momentum 0.9); default false. */
  readonly training?: boolean;
}

/**
 * Batch normalization of x [..., C] over all axes but the last (ε = 1e-3): with the statistics of x in
 * training (and the moving averages updated in place, momentum 0.9), with the moving averages otherwise.
 * Masked residual units pass only the computed rows, so their statistics come from the computed positions
 * (the gather semantics of the SACT paper's §3 implementation note).
 *
 * Complexity: O(|x|), about 8 kernels. Ioffe and Szegedy, ICML 2015.
 *
 * @throws Error naming `batchNorm` and the argument for params that are not live {@link BatchNormParams},
 *   x that is not float32 with C channels last, or bad options.
 * @example
 * const y = batchNorm(bn, x, { training: true });
 */
export function batchNorm(params: BatchNormParams, x: tf.Tensor, options: BatchNormOptions = {}): tf.Tensor {
  const fn = 'batchNorm';
  assertInstance(params, BatchNormParams, fn, 'params', (p) => Object.values(p));
  assertOptions(fn, options, ['training']);
  const training = assertBoolean(options.training ?? false, fn, 'options.training');
  const channels = params.gamma.shape[0]!;
  assertFloatTensor(x, fn, 'x', `[..., ${channels}]`, [1, 2, 3, 4]);
  if (x.shape[x.rank - 1] !== channels) {
    assertFloatTensor(null, fn, 'x', `[..., ${channels}] (the params' channels last)`);
  }
  return tf.tidy(() => {
    let mean: tf.Tensor = params.movingMean;
    let variance: tf.Tensor = params.movingVariance;
    if (training) {
      const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
      ({ mean, variance } = tf.moments(x, axes));
      params.movingMean.assign(tf.add(tf.mul(MOMENTUM, params.movingMean), tf.mul(1 - MOMENTUM, mean)));
      params.movingVariance.assign(tf.add(tf.mul(MOMENTUM, params.movingVariance), tf.mul(1 - MOMENTUM, variance)));
    }
    return tf.batchNorm(x, mean, variance, params.beta, params.gamma, EPSILON);
  });
}
