import * as tf from '@tensorflow/tfjs-core';
import { backendProfile } from './backend-profile.js';
import { assertProductShapes } from './product-shapes.js';

/**
 * `tf.matMul(a, b)` of 2-D tensors, a [M, K] · b [K, N] → [M, N], differentiable any number of times. Where
 * the backend runs transposed products slowly (wasm: tfjs's gradient passes transpose flags, which send
 * XNNPACK's GEMM to a scalar loop about 10x slower; see {@link backendProfile}), the gradients are products
 * of explicitly transposed operands instead (dA = dY·Bᵀ, dB = Aᵀ·dY, each again a `matMul2d`); products below
 * 2^16 multiply-adds, and every product computed while no gradient tape records, keep `tf.matMul`, whose
 * custom-gradient bookkeeping would cost more than the slow loop.
 *
 * Complexity: 2·M·K·N flops forward, twice that backward.
 *
 * @throws Error naming `matMul2d` unless a and b are float32 tensors [M, K] and [K, N].
 */
export function matMul2d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  assertProductShapes('matMul2d', a, b, 2, 2, (p, q) => p[1] === q[0], '[M, K] and [K, N]');
  return multiply2d(a, b);
}

/** {@link matMul2d} without the argument checks, for callers in the ops layer that built the operands. */
export function multiply2d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const work = a.shape[0]! * a.shape[1]! * b.shape[1]!;
  // Off the gradient tape no gradient will be taken: the custom-gradient bookkeeping (µs per call) would be waste.
  return work < SMALL_PRODUCT || !backendProfile().explicitTransposeGradients || !tf.engine().isTapeOn()
    ? tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)
    : matMul2dWithExplicitTransposes(a, b);
}

const SMALL_PRODUCT = 2 ** 16;

const matMul2dWithExplicitTransposes = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, bs] = saved as [tf.Tensor, tf.Tensor];
      return [multiply2d(dy, tf.transpose(bs)), multiply2d(tf.transpose(as), dy)];
    },
  };
});
